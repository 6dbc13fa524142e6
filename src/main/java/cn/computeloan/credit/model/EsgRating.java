package cn.computeloan.credit.model;

/** ESG rating scale, best first. The ordinal gives the notch position used to measure a change. */
public enum EsgRating {
  AAA, AA, A, BBB, BB, B, CCC, CC, C;

  /**
   * Notches gained from {@code previous} to this rating: positive for an upgrade, negative for a
   * downgrade, 0 if unchanged or if there is no previous rating.
   */
  public int notchesSince(EsgRating previous) {
    return previous == null ? 0 : previous.ordinal() - ordinal();
  }
}

package cn.computeloan.application.audit;

import java.util.Optional;

/**
 * Verifies one application's chain event by event, oldest first, keeping only the previous hash and
 * the first failure, so a trail of any length is checked in constant memory.
 */
final class ChainWalk {

  /** The head of the chain as it was when the keys came in (migration V3), sealed under a key. */
  record Seal(int lastSeq, String lastHash, String keyId, String seal) {}

  private final AuditKeys keys;
  private final String applicationId;
  private final Optional<Seal> seal;
  /** Why the seal cannot be trusted (null: it can, or there is none). */
  private final String sealProblem;

  private String prev = AuditHasher.GENESIS;
  private int expectedSeq = 1;
  private int events;
  private ChainVerification failure;

  ChainWalk(AuditKeys keys, String applicationId, Optional<Seal> seal) {
    this.keys = keys;
    this.applicationId = applicationId;
    this.seal = seal;
    this.sealProblem = seal.map(this::sealProblem).orElse(null);
  }

  private String sealProblem(Seal s) {
    if (!keys.knows(s.keyId())) {
      return "the events from before the keyed chain were sealed with key '" + s.keyId() + "', which is not configured";
    }
    return AuditHasher.legacySeal(keys, s.keyId(), applicationId, s.lastSeq(), s.lastHash()).equals(s.seal())
        ? null : "the seal of the events from before the keyed chain is not valid";
  }

  void accept(AuditEvent e) {
    events++;
    if (failure != null) {
      return;
    }
    String problem = problem(e);
    if (problem != null) {
      failure = new ChainVerification(applicationId, false, 0, null, e.seq(), e.id(), problem);
      return;
    }
    prev = e.hash();
    expectedSeq++;
  }

  private String problem(AuditEvent e) {
    if (e.seq() != expectedSeq) {
      return e.seq() > expectedSeq ? "event " + expectedSeq + " is missing" : "sequence number repeated";
    }
    if (!e.prevHash().equals(prev)) {
      return "does not link to the previous event's hash";
    }
    if (e.hmacKeyId() == null) {
      return legacyProblem(e);
    }
    if (!keys.knows(e.hmacKeyId())) {
      return "hashed with key '" + e.hmacKeyId() + "', which is not configured";
    }
    return AuditHasher.keyedHash(keys, e).equals(e.hash()) ? null : "content does not match its hash";
  }

  /** A plain SHA-256 event is genuine only inside the sealed part of a chain from before the keys. */
  private String legacyProblem(AuditEvent e) {
    if (sealProblem != null) {
      return sealProblem;
    }
    if (seal.isEmpty() || e.seq() > seal.get().lastSeq()) {
      return "hashed without the audit key after the chain was keyed: rewritten by someone without the key?";
    }
    if (!AuditHasher.legacyHash(e).equals(e.hash())) {
      return "content does not match its hash";
    }
    if (e.seq() == seal.get().lastSeq() && !e.hash().equals(seal.get().lastHash())) {
      return "the events up to here differ from the chain sealed when the audit key came in";
    }
    return null;
  }

  ChainVerification result(int headSeq, String headHash) {
    if (failure != null) {
      return new ChainVerification(applicationId, false, events, headHash, failure.firstBadSeq(),
          failure.firstBadEventId(), failure.reason());
    }
    if (sealProblem != null) {
      return new ChainVerification(applicationId, false, events, headHash, 1, null, sealProblem);
    }
    if (seal.isPresent() && events < seal.get().lastSeq()) {
      return new ChainVerification(applicationId, false, events, headHash, events + 1, null,
          "events sealed when the audit key came in are missing");
    }
    if (events != headSeq || !prev.equals(headHash)) {
      return new ChainVerification(applicationId, false, events, headHash, events + 1, null,
          "the chain ends before the recorded head: events at the end are missing");
    }
    return new ChainVerification(applicationId, true, events, prev, null, null, null);
  }
}

package cn.computeloan.application.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * SHA-256 over every stored field of an event and the previous event's hash. Fields are
 * length-prefixed, so no two different events serialise alike (no separator ambiguity).
 */
public final class AuditHasher {

  /** {@code prevHash} of an application's first event. */
  public static final String GENESIS = "0".repeat(64);

  private AuditHasher() {}

  public static String hash(String applicationId, int seq, Instant occurredAt, AuditEntry e, String prevHash) {
    StringBuilder b = new StringBuilder(512);
    field(b, applicationId);
    field(b, Integer.toString(seq));
    field(b, occurredAt.toString());
    field(b, e.actor());
    field(b, e.role());
    field(b, e.action());
    field(b, e.before());
    field(b, e.after());
    field(b, e.processInstanceKey() == null ? null : e.processInstanceKey().toString());
    field(b, e.elementId());
    field(b, e.elementInstanceKey() == null ? null : e.elementInstanceKey().toString());
    field(b, e.jobKey() == null ? null : e.jobKey().toString());
    field(b, e.policyVersion());
    field(b, prevHash);
    return sha256(b.toString());
  }

  /** Recomputes the hash of a stored event from its fields. */
  public static String hash(AuditEvent e) {
    return hash(e.applicationId(), e.seq(), e.occurredAt(), new AuditEntry(e.actor(), e.role(), e.action(),
        e.before(), e.after(), e.processInstanceKey(), e.elementId(), e.elementInstanceKey(), e.jobKey(),
        e.policyVersion()), e.prevHash());
  }

  private static void field(StringBuilder b, String value) {
    if (value == null) {
      b.append("-1:");
    } else {
      b.append(value.length()).append(':').append(value);
    }
    b.append(';');
  }

  public static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}

package cn.computeloan.application.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The hash of an audit event over every stored field and the previous event's hash. Fields are
 * length-prefixed, so no two different events serialise alike (no separator ambiguity).
 *
 * <p>Events are keyed: HMAC-SHA256 under a key from configuration ({@link AuditKeys}), whose id is
 * stored with the event and covered by the MAC. Events written before the chain was keyed (key id
 * null) carry a plain SHA-256 of the same fields ({@link #legacyHash}); anyone can recompute those,
 * which is why {@link AuditTrail} accepts them only up to the head sealed when the keys came in.
 */
public final class AuditHasher {

  /** {@code prevHash} of an application's first event. */
  public static final String GENESIS = "0".repeat(64);

  /** Domain separation: a keyed event's MAC input can never equal any other MAC input of ours. */
  private static final String KEYED_SCHEME = "compute-loan-audit-hmac-sha256-v2";

  private AuditHasher() {}

  /** The plain SHA-256 of an event written before the chain was keyed. */
  public static String legacyHash(String applicationId, int seq, Instant occurredAt, AuditEntry e, String prevHash) {
    return sha256(canonical(applicationId, seq, occurredAt, e, prevHash).toString());
  }

  /** The HMAC of a new event under the key {@code keyId}. */
  public static String keyedHash(AuditKeys keys, String keyId, String applicationId, int seq, Instant occurredAt,
      AuditEntry e, String prevHash) {
    StringBuilder b = canonical(applicationId, seq, occurredAt, e, prevHash);
    field(b, keyId);
    field(b, KEYED_SCHEME);
    return keys.mac(keyId, b.toString());
  }

  /** Recomputes the plain SHA-256 of a stored event from its fields. */
  public static String legacyHash(AuditEvent e) {
    return legacyHash(e.applicationId(), e.seq(), e.occurredAt(), entry(e), e.prevHash());
  }

  /** Recomputes the HMAC of a stored keyed event from its fields, under the key it names. */
  public static String keyedHash(AuditKeys keys, AuditEvent e) {
    return keyedHash(keys, e.hmacKeyId(), e.applicationId(), e.seq(), e.occurredAt(), entry(e), e.prevHash());
  }

  /**
   * The seal of a chain written before the keys came in: its application, last sequence number and
   * hash at that moment, under key {@code keyId}.
   */
  public static String legacySeal(AuditKeys keys, String keyId, String applicationId, int lastSeq, String lastHash) {
    StringBuilder b = new StringBuilder(160);
    field(b, "compute-loan-audit-legacy-seal-v1");
    field(b, applicationId);
    field(b, Integer.toString(lastSeq));
    field(b, lastHash);
    field(b, keyId);
    return keys.mac(keyId, b.toString());
  }

  private static AuditEntry entry(AuditEvent e) {
    return new AuditEntry(e.actor(), e.role(), e.action(), e.before(), e.after(), e.processInstanceKey(),
        e.elementId(), e.elementInstanceKey(), e.jobKey(), e.policyVersion());
  }

  private static StringBuilder canonical(String applicationId, int seq, Instant occurredAt, AuditEntry e,
      String prevHash) {
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
    return b;
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

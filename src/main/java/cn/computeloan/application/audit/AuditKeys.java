package cn.computeloan.application.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HMAC-SHA256 keys of the audit chain by id: the current one for new events, older ones to
 * verify events written before a key rotation. Keys come from configuration ({@link AuditProperties});
 * only when none is configured is a key generated and kept in a file outside the database
 * (development), with a warning at every start.
 */
public final class AuditKeys {

  /** Shortest accepted key: 256 bits, the output size of SHA-256. */
  public static final int MIN_KEY_BYTES = 32;

  private static final Logger LOG = LoggerFactory.getLogger(AuditKeys.class);
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,40}");

  private final Map<String, SecretKeySpec> keys;
  private final String currentId;

  private AuditKeys(Map<String, SecretKeySpec> keys, String currentId) {
    this.keys = Map.copyOf(keys);
    this.currentId = currentId;
  }

  /** Keys given directly (tests, tools): id → raw key. */
  public static AuditKeys of(String currentId, Map<String, byte[]> raw) {
    Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
    raw.forEach((id, key) -> keys.put(checkedId(id), spec(id, key)));
    if (!keys.containsKey(currentId)) {
      throw new IllegalStateException("audit key '" + currentId + "' is not among the configured keys " + keys.keySet());
    }
    return new AuditKeys(keys, currentId);
  }

  /** The keys from configuration, or the development key file when none is configured. */
  public static AuditKeys from(AuditProperties p) {
    Map<String, byte[]> raw = new LinkedHashMap<>();
    p.hmacKeys().forEach((id, key) -> raw.put(id, decode("compute-loan.audit.hmac-keys." + id, key)));
    if (p.hmacKey() != null && !p.hmacKey().isBlank()) {
      byte[] current = decode("compute-loan.audit.hmac-key", p.hmacKey());
      byte[] listed = raw.get(p.currentKeyId());
      if (listed != null && !java.util.Arrays.equals(listed, current)) {
        throw new IllegalStateException("compute-loan.audit.hmac-key and compute-loan.audit.hmac-keys."
            + p.currentKeyId() + " are different keys under the same id");
      }
      raw.put(p.currentKeyId(), current);
    }
    if (!raw.isEmpty()) {
      return of(p.currentKeyId(), raw);
    }
    byte[] generated = fileKey(Path.of(p.keyFile()));
    String id = "file-" + AuditHasher.sha256(generated).substring(0, 8);
    LOG.warn("No audit chain key is configured (compute-loan.audit.hmac-key / COMPUTE_LOAN_AUDIT_HMAC_KEY): using "
        + "the development key '{}' kept in {}. Anyone who can read that file and write the database can rewrite "
        + "the audit trail unnoticed; outside development configure a key from your secret store.",
        id, Path.of(p.keyFile()).toAbsolutePath());
    return of(id, Map.of(id, generated));
  }

  public String currentId() {
    return currentId;
  }

  public boolean knows(String id) {
    return keys.containsKey(id);
  }

  /** HMAC-SHA256 of {@code text} under key {@code id}, hex. */
  public String mac(String id, String text) {
    SecretKeySpec key = keys.get(id);
    if (key == null) {
      throw new IllegalArgumentException("no audit key '" + id + "'");
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static String checkedId(String id) {
    if (id == null || !KEY_ID.matcher(id).matches()) {
      throw new IllegalStateException("audit key id '" + id + "' must be 1-40 of A-Z a-z 0-9 . _ -");
    }
    return id;
  }

  private static SecretKeySpec spec(String id, byte[] key) {
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalStateException("audit key '" + id + "' has " + key.length + " bytes; at least "
          + MIN_KEY_BYTES + " are required");
    }
    return new SecretKeySpec(key, "HmacSHA256");
  }

  private static byte[] decode(String property, String base64) {
    try {
      byte[] key = Base64.getDecoder().decode(base64.trim());
      if (key.length < MIN_KEY_BYTES) {
        throw new IllegalStateException(property + " has " + key.length + " bytes; at least " + MIN_KEY_BYTES
            + " are required (e.g. openssl rand -base64 32)");
      }
      return key;
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(property + " is not base64", e);
    }
  }

  /** Reads the key file, or creates it (owner-only where the file system allows) with a random key. */
  static byte[] fileKey(Path file) {
    try {
      if (!Files.exists(file)) {
        byte[] key = new byte[MIN_KEY_BYTES];
        new SecureRandom().nextBytes(key);
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        // written aside and moved into place, so that a concurrent start never reads half a key
        Path draft = parent.getFileSystem().supportedFileAttributeViews().contains("posix")
            ? Files.createTempFile(parent, "audit-key", ".tmp", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")))
            : Files.createTempFile(parent, "audit-key", ".tmp");
        Files.writeString(draft, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
        try {
          Files.move(draft, file);
          return key;
        } catch (FileAlreadyExistsException raced) {
          Files.deleteIfExists(draft);
        }
      }
      return decode(file.toString(), Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException("audit key file " + file + " cannot be read or created", e);
    }
  }
}

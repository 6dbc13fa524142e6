package cn.computeloan.application.audit;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The key of the audit chain, under {@code compute-loan.audit}. Never in the database: whoever can
 * write the database must not be able to recompute the chain.
 *
 * @param hmacKey the current key, base64, at least 32 bytes ({@code COMPUTE_LOAN_AUDIT_HMAC_KEY})
 * @param currentKeyId the id stored with every new event (default {@code k1})
 * @param hmacKeys older keys by id (base64), for verifying events written before a rotation; may
 *     also hold the current key instead of {@code hmacKey}
 * @param keyFile without any configured key: where a generated key is kept (development; default
 *     {@code ./data/audit-hmac.key})
 */
@ConfigurationProperties("compute-loan.audit")
public record AuditProperties(String hmacKey, String currentKeyId, Map<String, String> hmacKeys, String keyFile) {

  public AuditProperties {
    currentKeyId = currentKeyId == null || currentKeyId.isBlank() ? "k1" : currentKeyId.trim();
    hmacKeys = hmacKeys == null ? Map.of() : Map.copyOf(hmacKeys);
    keyFile = keyFile == null || keyFile.isBlank() ? "./data/audit-hmac.key" : keyFile;
  }
}

package cn.computeloan.application;

import cn.computeloan.credit.InputLimits;
import cn.computeloan.credit.Violation;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * What an uploaded document may be, under {@code compute-loan.documents}: a content type from the
 * allowlist and a plain file name that fits its column. Everything is checked before anything is
 * stored, so a refused upload changes nothing.
 *
 * @param allowedContentTypes {@code type/subtype} values accepted (parameters such as {@code charset}
 *     are allowed on top); default {@link #DEFAULT_CONTENT_TYPES}
 */
@ConfigurationProperties("compute-loan.documents")
public record DocumentRules(List<String> allowedContentTypes) {

  /**
   * What banks exchange for a credit file: PDF, scans (PNG, JPEG, TIFF), spreadsheets (XLSX, XLS,
   * CSV), letters and contracts (DOCX, DOC, plain text) and OFD, China's fixed-layout format for
   * e-invoices and official documents. Not ZIP: an archive hides what is in it from every check.
   */
  public static final List<String> DEFAULT_CONTENT_TYPES = List.of(
      "application/pdf",
      "image/png", "image/jpeg", "image/tiff",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.ms-excel", "text/csv",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/msword",
      "text/plain",
      "application/ofd");

  public DocumentRules {
    allowedContentTypes = allowedContentTypes == null || allowedContentTypes.isEmpty() ? DEFAULT_CONTENT_TYPES
        : allowedContentTypes.stream().map(t -> baseType(t).orElseThrow(() -> new IllegalArgumentException(
            "compute-loan.documents.allowed-content-types: '" + t + "' is not a content type"))).toList();
  }

  /**
   * The content type as it will be stored ({@code type/subtype}, and the charset if there is one),
   * or empty if it is not acceptable.
   */
  public Optional<String> contentType(String declared) {
    if (declared == null) {
      return Optional.empty();
    }
    MediaType type;
    try {
      type = MediaType.parseMediaType(declared);
    } catch (InvalidMediaTypeException e) {
      return Optional.empty();
    }
    String base = (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT);
    if (!allowedContentTypes.contains(base)) {
      return Optional.empty();
    }
    // Only the charset survives: other parameters mean nothing to a download.
    return Optional.of(type.getCharset() == null ? base : base + ";charset=" + type.getCharset().name())
        .filter(t -> t.length() <= InputLimits.CONTENT_TYPE);
  }

  /**
   * Every problem of an upload, before anything is stored: an unknown kind, an empty file, a bad
   * file name, a content type not on the allowlist (code {@code UNSUPPORTED_CONTENT_TYPE}, field
   * {@code file.contentType}). The API and the intake page both check uploads with this.
   */
  public List<Violation> uploadViolations(String kind, long size, String fileName, String declaredContentType) {
    List<Violation> violations = new java.util.ArrayList<>();
    if (!DocumentService.KINDS.contains(kind)) {
      violations.add(new Violation("kind", "UNKNOWN_VALUE", "must be one of " + DocumentService.KINDS));
    }
    if (size == 0) {
      violations.add(new Violation("file", "REQUIRED", "the file is empty"));
    }
    fileNameViolation("file.filename", fileName).ifPresent(violations::add);
    if (contentType(declaredContentType).isEmpty()) {
      violations.add(new Violation("file.contentType", "UNSUPPORTED_CONTENT_TYPE",
          "must be one of " + allowedContentTypes));
    }
    return violations;
  }

  /** Why {@code fileName} cannot be stored as a document's name, or empty if it can. */
  public static Optional<Violation> fileNameViolation(String field, String fileName) {
    if (fileName.length() > InputLimits.FILE_NAME) {
      return Optional.of(new Violation(field, "TOO_LONG", "must be at most " + InputLimits.FILE_NAME + " characters"));
    }
    if (fileName.indexOf('/') >= 0 || fileName.indexOf('\\') >= 0 || fileName.equals(".") || fileName.equals("..")) {
      return Optional.of(new Violation(field, "INVALID_FILE_NAME", "must be a file name, not a path"));
    }
    if (!InputLimits.printable(fileName) || fileName.codePoints().anyMatch(DocumentRules::bidiControl)) {
      return Optional.of(new Violation(field, "INVALID_CHARACTERS",
          "must not contain control characters or text-direction overrides"));
    }
    return Optional.empty();
  }

  /** U+202A..U+202E and U+2066..U+2069 turn text around: "invoice[U+202E]fdp.exe" reads as "invoiceexe.pdf". */
  private static boolean bidiControl(int c) {
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
  }

  private static Optional<String> baseType(String value) {
    try {
      MediaType type = MediaType.parseMediaType(value.trim());
      String base = (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT);
      return type.isWildcardType() || type.isWildcardSubtype() || base.length() > InputLimits.CONTENT_TYPE
          ? Optional.empty() : Optional.of(base);
    } catch (InvalidMediaTypeException e) {
      return Optional.empty();
    }
  }
}

package cn.computeloan.workspace.web;

import cn.computeloan.application.store.StoredDocument;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A stored document as a download: its type, its SHA-256 as ETag, never rendered in place. */
public final class DocumentDownload {

  private DocumentDownload() {
  }

  public static ResponseEntity<byte[]> of(StoredDocument d, byte[] content) {
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(d.contentType()))
        .eTag("\"" + d.sha256() + "\"")
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename*=UTF-8''"
            + URLEncoder.encode(d.fileName(), StandardCharsets.UTF_8).replace("+", "%20"))
        .header("X-Content-Type-Options", "nosniff")
        .body(content);
  }
}

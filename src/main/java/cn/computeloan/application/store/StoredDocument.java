package cn.computeloan.application.store;

import java.time.Instant;

/** An uploaded document's metadata; the content is read separately. */
public record StoredDocument(
    String id, String applicationId, String kind, String fileName, String contentType, long size,
    String sha256, String uploadedBy, Instant uploadedAt) {}

package cn.computeloan.application.store;

import cn.computeloan.process.ApplicationStatus;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * An application as stored: the submitted input (JSON, the public contract's shape) and what the
 * service keeps about it.
 *
 * @param processInstanceKey null while the process start is pending
 */
public record StoredApplication(
    String id,
    ApplicationStatus status,
    String product,
    String applicantName,
    String applicantCode,
    BigDecimal requestedAmount,
    int termMonths,
    String tier,
    String payload,
    Long processInstanceKey,
    String submittedBy,
    Instant submittedAt,
    Instant updatedAt,
    String idempotencyKey,
    String requestHash) {}

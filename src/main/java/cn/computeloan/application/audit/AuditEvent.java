package cn.computeloan.application.audit;

import java.time.Instant;

/**
 * One entry of an application's audit trail: who (actor, role) did what (action) when, the state
 * before and after or a decision's inputs and outputs (JSON), where in the process, under which
 * policy version; chained to the previous entry by {@code prevHash}. {@code hmacKeyId} names the key
 * its hash was made with (null: a plain SHA-256 from before the chain was keyed).
 */
public record AuditEvent(
    long id,
    String applicationId,
    int seq,
    Instant occurredAt,
    String actor,
    String role,
    String action,
    String before,
    String after,
    Long processInstanceKey,
    String elementId,
    Long elementInstanceKey,
    Long jobKey,
    String policyVersion,
    String prevHash,
    String hash,
    String hmacKeyId) {}

package cn.computeloan.application.store;

import java.time.Instant;

/** The stored result of one step (JSON), with who produced it and under which policy version. */
public record StepRecord(
    long id,
    String step,
    String result,
    String policyVersion,
    String actor,
    Long processInstanceKey,
    String elementId,
    Long elementInstanceKey,
    Long jobKey,
    Instant recordedAt) {}

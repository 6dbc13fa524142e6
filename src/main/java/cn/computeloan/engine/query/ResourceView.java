package cn.computeloan.engine.query;

import cn.computeloan.engine.record.ValueType;

/**
 * A deployed resource as stored: what kind of definition it holds and its text.
 *
 * @param kind PROCESS, DECISION, DECISION_REQUIREMENTS or FORM
 * @param resourceId the process, decision, DRG or form id
 * @param content the whole deployed file (BPMN/DMN XML or form JSON)
 */
public record ResourceView(
    long key,
    ValueType kind,
    String resourceId,
    String resourceName,
    int version,
    String versionTag,
    String tenantId,
    String content) {}

package cn.computeloan.engine.record;

/**
 * Value of a deployed resource record (PROCESS, DECISION, DECISION_REQUIREMENTS, FORM; intent
 * CREATED), also used for a DEPLOYMENT's summary (key = deployment key).
 *
 * @param resourceId the BPMN process id, decision id, decision requirements id or form id
 * @param decisionRequirementsKey for a DECISION, the key of its requirements graph; -1 otherwise
 * @param resource the deployed XML/JSON text (the whole file)
 */
public record ResourceValue(
    String resourceId,
    String name,
    int version,
    String versionTag,
    long definitionKey,
    long deploymentKey,
    String resourceName,
    String checksum,
    String decisionRequirementsId,
    long decisionRequirementsKey,
    String resource,
    String tenantId)
    implements RecordValue {}

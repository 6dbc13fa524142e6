package cn.computeloan.engine.api;

import java.util.Map;

/** Answer to a process instance creation; variables only when completion was awaited. */
public record CreatedInstance(
    long processDefinitionKey,
    String bpmnProcessId,
    int version,
    long processInstanceKey,
    String tenantId,
    Map<String, Object> variables) {}

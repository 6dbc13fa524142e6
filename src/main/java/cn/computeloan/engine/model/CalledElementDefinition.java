package cn.computeloan.engine.model;

/** {@code zeebe:calledElement} of a call activity. */
public record CalledElementDefinition(
    String processId, boolean propagateAllChildVariables, boolean propagateAllParentVariables) {}

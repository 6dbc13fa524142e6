package cn.computeloan.engine.model;

/** {@code zeebe:loopCharacteristics} of a multi-instance activity. */
public record MultiInstanceDefinition(
    boolean sequential,
    String inputCollection,
    String inputElement,
    String outputCollection,
    String outputElement,
    String completionCondition) {}

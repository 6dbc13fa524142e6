package cn.computeloan.engine.model;

/** A sequence flow; {@code condition} is a FEEL expression or null. */
public record ExecutableFlow(String id, ExecutableElement source, ExecutableElement target, String condition) {}

package cn.computeloan.engine.model;

import java.util.Map;

/** {@code zeebe:taskDefinition} plus {@code zeebe:taskHeaders}: type and retries are expressions. */
public record JobDefinition(String type, String retries, Map<String, String> headers) {}

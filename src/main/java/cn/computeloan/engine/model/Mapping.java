package cn.computeloan.engine.model;

/** One input or output mapping: a FEEL source expression and a target variable path. */
public record Mapping(String source, String target) {}

package cn.computeloan.engine.api;

/** One file of a deployment request: its name (with extension) and its bytes. */
public record DeploymentResource(String name, byte[] content) {}

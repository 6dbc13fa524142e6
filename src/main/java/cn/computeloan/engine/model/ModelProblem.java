package cn.computeloan.engine.model;

/** Why a resource cannot be deployed: the offending element's id and type, and the reason. */
public record ModelProblem(String elementId, String elementType, String message) {

  @Override
  public String toString() {
    return "Element '%s' (%s): %s".formatted(elementId, elementType, message);
  }
}

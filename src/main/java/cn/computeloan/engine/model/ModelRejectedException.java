package cn.computeloan.engine.model;

import java.util.List;
import java.util.stream.Collectors;

/** A resource failed validation; every problem names the element. */
public class ModelRejectedException extends RuntimeException {

  private final transient List<ModelProblem> problems;

  public ModelRejectedException(String resourceName, List<ModelProblem> problems) {
    super("'%s' cannot be deployed:%n%s".formatted(resourceName,
        problems.stream().map(p -> "- " + p).collect(Collectors.joining(System.lineSeparator()))));
    this.problems = List.copyOf(problems);
  }

  public List<ModelProblem> problems() {
    return problems;
  }
}

package cn.computeloan.workspace.task;

import java.util.List;

/** A page of tasks and how many match in all. */
public record TaskPage(List<TaskSummary> items, int page, int size, long total) {

  public boolean hasNext() {
    return (long) (page + 1) * size < total;
  }
}

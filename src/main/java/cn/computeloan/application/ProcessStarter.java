package cn.computeloan.application;

import java.util.Map;
import java.util.Optional;

/** Starts and finds approval process instances; the Camunda client in production. */
public interface ProcessStarter {

  /** The BPMN process id of the approval process. */
  String PROCESS_ID = "compute-loan-approval";

  /** Starts an instance with the given variables and returns its key; throws if it cannot. */
  long start(Map<String, Object> variables);

  /** The key of a process instance already started for the application, if any. */
  Optional<Long> findStarted(String applicationId);

  /** Cancels an instance started for an application that could not be stored (best effort). */
  void cancel(long processInstanceKey);
}

package cn.computeloan.engine.query.projection;

import cn.computeloan.engine.record.IncidentValue;
import cn.computeloan.engine.record.JobValue;
import cn.computeloan.engine.record.ProcessInstanceValue;
import cn.computeloan.engine.record.Record;
import cn.computeloan.engine.record.UserTaskValue;

/**
 * Which element instance wrote a variable, from the order of a command's records: the engine writes
 * a variable while it activates an element (input mappings: after its ELEMENT_ACTIVATING) or
 * completes one (delivered job, user-task or message variables and output mappings: after its
 * ELEMENT_COMPLETING), or for a completed job / user task or a resolved incident's element. Outside
 * such a step (creation variables, a set-variables command) the writer is the variable's scope.
 */
public final class VariableWriters {

  private long current = -1;

  public void startBatch() {
    current = -1;
  }

  public void observe(Record record) {
    if (record.value() instanceof ProcessInstanceValue value && !"SEQUENCE_FLOW_TAKEN".equals(record.intent())) {
      switch (record.intent()) {
        case "ELEMENT_ACTIVATING", "ELEMENT_COMPLETING" -> current = record.key();
        case "ELEMENT_ACTIVATED", "ELEMENT_COMPLETED", "ELEMENT_TERMINATED" -> {
          if (current == record.key()) {
            current = -1;
          }
        }
        default -> {
          // TERMINATING starts no variable write
        }
      }
      if ("PROCESS".equals(value.bpmnElementType()) && "ELEMENT_ACTIVATING".equals(record.intent())) {
        current = value.processInstanceKey();
      }
    } else if (record.value() instanceof JobValue value && "COMPLETED".equals(record.intent())) {
      current = value.elementInstanceKey();
    } else if (record.value() instanceof UserTaskValue value && "COMPLETED".equals(record.intent())) {
      current = value.elementInstanceKey();
    } else if (record.value() instanceof IncidentValue value && "RESOLVED".equals(record.intent())) {
      current = value.elementInstanceKey();
    }
  }

  /** The writer of a variable record applied now. */
  public long writer(long scopeKey) {
    return current > 0 ? current : scopeKey;
  }
}

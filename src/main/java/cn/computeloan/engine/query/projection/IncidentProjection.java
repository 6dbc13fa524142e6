package cn.computeloan.engine.query.projection;

import cn.computeloan.engine.query.search.DocumentIndex;
import cn.computeloan.engine.query.search.Keys;
import cn.computeloan.engine.record.IncidentValue;
import cn.computeloan.engine.record.Record;
import java.util.Set;

/** Incidents (ACTIVE until RESOLVED), which also mark their element and process instances. */
public final class IncidentProjection {

  public final DocumentIndex incidents = new DocumentIndex();
  private final ProcessInstanceProjection processInstances;

  public IncidentProjection(ProcessInstanceProjection processInstances) {
    this.processInstances = processInstances;
  }

  public void apply(Record record, IncidentValue value) {
    switch (record.intent()) {
      case "CREATED" -> {
        incidents.upsert(record.key())
            .put("processDefinitionId", value.bpmnProcessId())
            .put("errorType", value.errorType())
            .put("errorMessage", value.errorMessage())
            .put("elementId", value.elementId())
            .put("creationTime", Keys.date(record.timestamp()))
            .put("state", "ACTIVE")
            .put("tenantId", value.tenantId())
            .put("incidentKey", Keys.key(record.key()))
            .put("processDefinitionKey", Keys.key(value.processDefinitionKey()))
            .put("processInstanceKey", Keys.key(value.processInstanceKey()))
            .put("elementInstanceKey", Keys.key(value.elementInstanceKey()))
            .put("jobKey", Keys.key(value.jobKey()));
        processInstances.incidentChanged(value.processInstanceKey(), value.elementInstanceKey(), record.key(), true);
      }
      case "RESOLVED" -> {
        boolean wasActive = incidents.find(record.key()).map(i -> "ACTIVE".equals(i.get("state"))).orElse(false);
        incidents.upsert(record.key()).put("state", "RESOLVED");
        if (wasActive) {
          processInstances.incidentChanged(value.processInstanceKey(), value.elementInstanceKey(), record.key(), false);
        }
      }
      default -> {
        // No other incident intent changes what the API shows.
      }
    }
  }

  public void removeInstances(Set<Long> processInstanceKeys) {
    incidents.removeIf(incident -> processInstanceKeys.contains(incident.longField("processInstanceKey")));
  }
}

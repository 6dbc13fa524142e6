package cn.computeloan.engine.query.projection;

import cn.computeloan.engine.query.search.DocumentIndex;
import cn.computeloan.engine.query.search.Keys;
import cn.computeloan.engine.record.MessageSubscriptionValue;
import cn.computeloan.engine.record.Record;
import cn.computeloan.engine.record.ValueType;
import java.util.Set;

/**
 * Message subscriptions of waiting element instances (CREATED, CORRELATED, DELETED) and the log of
 * correlations, including those of message start events.
 */
public final class MessageSubscriptionProjection {

  public final DocumentIndex subscriptions = new DocumentIndex();
  public final DocumentIndex correlations = new DocumentIndex();

  public void apply(Record record, MessageSubscriptionValue value) {
    if (record.valueType() == ValueType.MESSAGE_SUBSCRIPTION) {
      subscriptions.upsert(record.key())
          .put("messageSubscriptionKey", Keys.key(record.key()))
          .put("processDefinitionId", value.bpmnProcessId())
          .put("processDefinitionKey", Keys.key(value.processDefinitionKey()))
          .put("processInstanceKey", Keys.key(value.processInstanceKey()))
          .put("elementId", value.elementId())
          .put("elementInstanceKey", Keys.key(value.elementInstanceKey()))
          .put("messageSubscriptionState", record.intent())
          .put("lastUpdatedDate", Keys.date(record.timestamp()))
          .put("messageName", value.messageName())
          .put("correlationKey", value.correlationKey())
          .put("tenantId", value.tenantId());
    }
    if ("CORRELATED".equals(record.intent())) {
      // One subscription may correlate several messages (e.g. a non-interrupting event subprocess).
      correlations.upsert(value.messageKey() + "-" + record.key())
          .put("correlationKey", value.correlationKey())
          .put("correlationTime", Keys.date(record.timestamp()))
          .put("elementId", value.elementId())
          .put("elementInstanceKey", Keys.key(value.elementInstanceKey()))
          .put("messageKey", Keys.key(value.messageKey()))
          .put("messageName", value.messageName())
          .put("partitionId", 1)
          .put("processDefinitionId", value.bpmnProcessId())
          .put("processDefinitionKey", Keys.key(value.processDefinitionKey()))
          .put("processInstanceKey", Keys.key(value.processInstanceKey()))
          .put("subscriptionKey", Keys.key(record.key()))
          .put("tenantId", value.tenantId());
    }
  }

  public void removeInstances(Set<Long> processInstanceKeys) {
    subscriptions.removeIf(s -> processInstanceKeys.contains(s.longField("processInstanceKey")));
    correlations.removeIf(c -> processInstanceKeys.contains(c.longField("processInstanceKey")));
  }
}

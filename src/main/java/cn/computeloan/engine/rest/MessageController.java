package cn.computeloan.engine.rest;

import cn.computeloan.engine.api.PublishMessageCommand;
import cn.computeloan.engine.query.ReadModel;
import cn.computeloan.engine.query.search.SearchableEntity;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Messages and signals: publication, correlation, broadcast, and the subscription searches. */
@RestController
@ConditionalOnEmbeddedEngine
public class MessageController {

  private final EngineAccess engine;
  private final ReadModel readModel;

  public MessageController(EngineAccess engine, ReadModel readModel) {
    this.engine = engine;
    this.readModel = readModel;
  }

  @PostMapping("/v2/messages/publication")
  public Map<String, Object> publish(@RequestBody JsonNode body) {
    String tenant = JsonBodies.tenant(body);
    long messageKey = engine.commands().publishMessage(new PublishMessageCommand(
        JsonBodies.requiredText(body, "name"),
        JsonBodies.text(body, "correlationKey", ""),
        JsonBodies.longValue(body, "timeToLive", 0),
        JsonBodies.text(body, "messageId", null),
        JsonBodies.map(body, "variables"),
        tenant));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("tenantId", tenant);
    json.put("messageKey", Long.toString(messageKey));
    return json;
  }

  @PostMapping("/v2/messages/correlation")
  public Map<String, Object> correlate(@RequestBody JsonNode body) {
    String tenant = JsonBodies.tenant(body);
    long[] keys = engine.commands().correlateMessage(
        JsonBodies.requiredText(body, "name"),
        JsonBodies.text(body, "correlationKey", ""),
        JsonBodies.map(body, "variables"),
        tenant);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("tenantId", tenant);
    json.put("messageKey", Long.toString(keys[0]));
    json.put("processInstanceKey", Long.toString(keys[1]));
    return json;
  }

  @PostMapping("/v2/signals/broadcast")
  public Map<String, Object> broadcast(@RequestBody JsonNode body) {
    String tenant = JsonBodies.tenant(body);
    long signalKey = engine.commands().broadcastSignal(
        JsonBodies.requiredText(body, "signalName"), JsonBodies.map(body, "variables"), tenant);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("tenantId", tenant);
    json.put("signalKey", Long.toString(signalKey));
    return json;
  }

  @PostMapping("/v2/message-subscriptions/search")
  public Map<String, Object> searchSubscriptions(@RequestBody(required = false) JsonNode body) {
    return Searches.response(readModel.search(SearchableEntity.MESSAGE_SUBSCRIPTION, Searches.query(body)));
  }

  @PostMapping("/v2/correlated-message-subscriptions/search")
  public Map<String, Object> searchCorrelations(@RequestBody(required = false) JsonNode body) {
    return Searches.response(readModel.search(SearchableEntity.CORRELATED_MESSAGE_SUBSCRIPTION, Searches.query(body)));
  }
}

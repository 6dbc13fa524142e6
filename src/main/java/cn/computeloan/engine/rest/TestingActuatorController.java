package cn.computeloan.engine.rest;

import cn.computeloan.engine.api.EngineCommands;
import cn.computeloan.engine.query.ReadModel;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The management endpoints Camunda Process Test's remote mode calls on its monitoring address
 * (point {@code camundaMonitoringApiAddress} at this application's port): the engine clock and the
 * cluster purge. All of them answer 403 unless the testing API is enabled, and the application's
 * security lets only its engine client and admins reach them (Camunda Process Test authenticates
 * there only in its multi-tenancy mode, as {@code demo}; see camunda-container-runtime.properties).
 */
@RestController
@ConditionalOnEmbeddedEngine
public class TestingActuatorController {

  private final EngineAccess engine;
  private final ReadModel readModel;
  private final ClusterState cluster;
  private final TestingApiSettings testingApi;

  public TestingActuatorController(
      EngineAccess engine, ReadModel readModel, ClusterState cluster, TestingApiSettings testingApi) {
    this.engine = engine;
    this.readModel = readModel;
    this.cluster = cluster;
    this.testingApi = testingApi;
  }

  @GetMapping("/actuator/clock")
  public Map<String, Object> clock() {
    testingApi.requireEnabled();
    return clockJson(engine.commands().currentTime());
  }

  @PostMapping("/actuator/clock/add")
  public Map<String, Object> addTime(@RequestBody JsonNode body) {
    testingApi.requireEnabled();
    if (!JsonBodies.has(body, "offsetMilli")) {
      throw InvalidRequestException.missing("offsetMilli");
    }
    EngineCommands commands = engine.commands();
    commands.addClockOffset(JsonBodies.longValue(body, "offsetMilli", 0));
    return clockJson(commands.currentTime());
  }

  @PostMapping("/actuator/clock/pin")
  public Map<String, Object> pin(@RequestBody JsonNode body) {
    testingApi.requireEnabled();
    if (!JsonBodies.has(body, "epochMilli")) {
      throw InvalidRequestException.missing("epochMilli");
    }
    EngineCommands commands = engine.commands();
    commands.pinClock(Instant.ofEpochMilli(JsonBodies.longValue(body, "epochMilli", 0)));
    return clockJson(commands.currentTime());
  }

  @DeleteMapping("/actuator/clock")
  public Map<String, Object> reset() {
    testingApi.requireEnabled();
    EngineCommands commands = engine.commands();
    commands.resetClock();
    return clockJson(commands.currentTime());
  }

  /**
   * Purges the engine and the read model at once; the purge is complete when this answers, so
   * the returned change id is already reported by the topology.
   */
  @PostMapping("/actuator/cluster/purge")
  public Map<String, Object> purge() {
    testingApi.requireEnabled();
    long changeId = cluster.startChange();
    engine.commands().purge();
    readModel.clear();
    cluster.completeChange(changeId);
    return Map.of("changeId", changeId);
  }

  private static Map<String, Object> clockJson(Instant now) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("epochMilli", now.toEpochMilli());
    json.put("instant", now.toString());
    return json;
  }
}

package cn.computeloan.engine.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The embedded "cluster": a single healthy broker with one partition (what the starter's health
 * indicator and CPT check), the status probe, and the v2 clock (testing API only).
 */
@RestController
@ConditionalOnEmbeddedEngine
public class ClusterController {

  /** The Camunda version whose API this engine speaks. */
  static final String VERSION = "8.8.14";

  private final EngineAccess engine;
  private final ClusterState cluster;
  private final TestingApiSettings testingApi;

  public ClusterController(EngineAccess engine, ClusterState cluster, TestingApiSettings testingApi) {
    this.engine = engine;
    this.cluster = cluster;
    this.testingApi = testingApi;
  }

  @GetMapping("/v2/topology")
  public Map<String, Object> topology() {
    String health = engine.isAvailable() ? "healthy" : "unhealthy";
    Map<String, Object> partition = Map.of("partitionId", 1, "role", "leader", "health", health);
    Map<String, Object> broker = new LinkedHashMap<>();
    broker.put("nodeId", 0);
    broker.put("host", "127.0.0.1");
    broker.put("port", 26501);
    broker.put("version", VERSION);
    broker.put("partitions", List.of(partition));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("brokers", List.of(broker));
    json.put("clusterSize", 1);
    json.put("partitionsCount", 1);
    json.put("replicationFactor", 1);
    json.put("gatewayVersion", VERSION);
    json.put("lastCompletedChangeId", Long.toString(cluster.lastCompletedChangeId()));
    return json;
  }

  /** 204 while the engine can take commands, 503 otherwise. */
  @GetMapping("/v2/status")
  public ResponseEntity<Void> status() {
    return ResponseEntity.status(engine.isAvailable() ? HttpStatus.NO_CONTENT : HttpStatus.SERVICE_UNAVAILABLE).build();
  }

  @PutMapping("/v2/clock")
  public ResponseEntity<Void> pinClock(@RequestBody JsonNode body) {
    testingApi.requireEnabled();
    if (!JsonBodies.has(body, "timestamp")) {
      throw InvalidRequestException.missing("timestamp");
    }
    engine.commands().pinClock(Instant.ofEpochMilli(JsonBodies.longValue(body, "timestamp", 0)));
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/v2/clock/reset")
  public ResponseEntity<Void> resetClock() {
    testingApi.requireEnabled();
    engine.commands().resetClock();
    return ResponseEntity.noContent().build();
  }
}

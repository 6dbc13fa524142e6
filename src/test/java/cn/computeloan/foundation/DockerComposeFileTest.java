package cn.computeloan.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Checks the structure of docker-compose.yml, which cannot be started on the build machine (no
 * Docker engine): the services the README promises, pinned images, a start-up order that holds,
 * and an app that really runs against the Camunda cluster instead of its embedded engine.
 */
class DockerComposeFileTest {

  private static Map<String, Object> services;

  @BeforeAll
  static void readComposeFile() throws IOException {
    try (Reader reader = Files.newBufferedReader(Path.of("docker-compose.yml"))) {
      Map<String, Object> compose = new Yaml().load(reader);
      services = map(compose.get("services"));
    }
  }

  @Test
  void definesTheDatabaseTheClusterItsStorageAndTheApp() {
    assertThat(services).containsKeys("postgres", "camunda", "elasticsearch", "app");
  }

  @Test
  void everyImageIsPinnedToAVersion() {
    services.forEach(
        (name, definition) -> {
          Object image = map(definition).get("image");
          assertThat(image).as("image of service %s", name).isInstanceOf(String.class);
          String reference = (String) image;
          String lastSegment = reference.substring(reference.lastIndexOf('/') + 1);
          assertThat(lastSegment).as("image of service %s has a tag", name).contains(":");
          String tag = lastSegment.substring(lastSegment.indexOf(':') + 1);
          assertThat(tag).as("tag of service %s", name).isNotBlank().isNotEqualTo("latest");
        });
  }

  @Test
  void theCamundaClusterIsTheSameReleaseAsTheClient() {
    assertThat(map(services.get("camunda")).get("image")).isEqualTo("camunda/camunda:8.8.14");
  }

  @Test
  void theAppIsBuiltFromThisRepositoryAndStartsAfterTheClusterAndTheDatabase() {
    Map<String, Object> app = map(services.get("app"));
    assertThat(app).containsKey("build");
    assertThat(dependsOn(app)).contains("camunda", "postgres");
  }

  @Test
  void theAppUsesTheClusterProfileAndPointsAtTheCamundaService() {
    Map<String, String> env = environment(map(services.get("app")));

    assertThat(Arrays.asList(env.get("SPRING_PROFILES_ACTIVE").split("\\s*,\\s*")))
        .contains("cluster", "postgres");

    URI rest = URI.create(env.get("CAMUNDA_REST_ADDRESS"));
    URI grpc = URI.create(env.get("CAMUNDA_GRPC_ADDRESS"));
    assertThat(rest.getHost()).isEqualTo("camunda");
    assertThat(grpc.getHost()).isEqualTo("camunda");
    // The addresses use the container ports, which the camunda service does serve.
    assertThat(containerPorts(map(services.get("camunda"))))
        .contains(rest.getPort(), grpc.getPort());

    assertThat(URI.create(env.get("SPRING_DATASOURCE_URL").substring("jdbc:".length())).getHost())
        .isEqualTo("postgres");
  }

  @Test
  void theClusterProfileReadsTheVariablesTheComposeFileSets() throws IOException {
    String clusterProfile =
        Files.readString(Path.of("src/main/resources/application-cluster.yml"));
    Map<String, String> env = environment(map(services.get("app")));
    for (String variable :
        List.of(
            "CAMUNDA_REST_ADDRESS",
            "CAMUNDA_GRPC_ADDRESS",
            "CAMUNDA_BASIC_AUTH_USERNAME",
            "CAMUNDA_BASIC_AUTH_PASSWORD")) {
      assertThat(env).containsKey(variable);
      assertThat(clusterProfile).contains("${" + variable);
    }
  }

  @Test
  void everyDependencyIsAServiceOfThisFile() {
    services.forEach(
        (name, definition) ->
            assertThat(dependsOn(map(definition)))
                .as("depends_on of service %s", name)
                .allSatisfy(target -> assertThat(services).containsKey(target)));
  }

  @Test
  void everyPortMappingIsHostColonContainerAndNoHostPortIsTakenTwice() {
    Set<String> hostPorts = new HashSet<>();
    services.forEach(
        (name, definition) -> {
          for (Object mapping : list(map(definition).get("ports"))) {
            // A string: unquoted YAML 1.1 values such as 22:22 would silently turn into numbers.
            assertThat(mapping).as("port mapping of service %s", name).isInstanceOf(String.class);
            assertThat((String) mapping)
                .as("port mapping of service %s", name)
                .matches("\\d{1,5}:\\d{1,5}");
            String hostPort = ((String) mapping).split(":")[0];
            assertThat(hostPorts.add(hostPort)).as("host port %s published once", hostPort).isTrue();
          }
        });
    assertThat(hostPorts).isNotEmpty();
  }

  private static List<String> dependsOn(Map<String, Object> service) {
    Object dependsOn = service.get("depends_on");
    if (dependsOn instanceof Map<?, ?> longSyntax) {
      return longSyntax.keySet().stream().map(String::valueOf).toList();
    }
    return list(dependsOn).stream().map(String::valueOf).toList();
  }

  private static List<Integer> containerPorts(Map<String, Object> service) {
    List<Integer> ports = new ArrayList<>();
    for (Object mapping : list(service.get("ports"))) {
      String[] parts = String.valueOf(mapping).split(":");
      ports.add(Integer.valueOf(parts[parts.length - 1]));
    }
    return ports;
  }

  /** The environment of a service, in either of the two compose syntaxes (map or KEY=value list). */
  private static Map<String, String> environment(Map<String, Object> service) {
    Object environment = service.get("environment");
    Map<String, String> result = new LinkedHashMap<>();
    if (environment instanceof Map<?, ?> entries) {
      entries.forEach((key, value) -> result.put(String.valueOf(key), String.valueOf(value)));
    } else {
      for (Object entry : list(environment)) {
        String[] parts = String.valueOf(entry).split("=", 2);
        result.put(parts[0], parts.length > 1 ? parts[1] : "");
      }
    }
    return result;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  private static List<?> list(Object value) {
    return value == null ? List.of() : (List<?>) value;
  }
}

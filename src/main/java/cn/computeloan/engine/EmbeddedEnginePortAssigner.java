package cn.computeloan.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The application's own Camunda client reaches the embedded engine on the application's HTTP port,
 * which must therefore be known before the client is built. When the port is 0 ("any free port",
 * as in tests), a free port is chosen here, up front, for both.
 */
public class EmbeddedEnginePortAssigner implements EnvironmentPostProcessor {

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    boolean embedded = environment.getProperty("compute-loan.engine.embedded.enabled", Boolean.class, true);
    if (!embedded || !"0".equals(environment.getProperty("server.port"))) {
      return;
    }
    int port = freePort();
    environment.getPropertySources().addFirst(new MapPropertySource("embeddedEnginePort",
        Map.of("server.port", port, "local.server.port", port)));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for the embedded engine", e);
    }
  }
}

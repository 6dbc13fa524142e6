package cn.computeloan.application;

import cn.computeloan.ComputeLoanApplication;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole application (embedded engine, BPMN, forms, workers, JDBC case file) in a JVM of its
 * own, so that a test can kill it with SIGKILL and start it again on the same database. Its output
 * goes to a log file; {@link #main} halts the child when the test JVM goes away (its stdin closes),
 * so a crashed test leaves no application running.
 */
final class ApplicationProcess implements AutoCloseable {

  static final String ENGINE_CLIENT = "compute-loan-engine";
  static final String ENGINE_CLIENT_PASSWORD = "kill-test-engine-client";

  final int port;
  final ApiClient api;
  private final Process process;
  private final Path log;

  private ApplicationProcess(int port, Process process, Path log) {
    this.port = port;
    this.process = process;
    this.log = log;
    this.api = new ApiClient(port);
  }

  /** Starts the application with {@code properties} on a free port; returns once it is up. */
  static ApplicationProcess start(Path log, Map<String, String> properties, Duration timeout) throws IOException {
    int port = freePort();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-Xmx384m", "-XX:+UseSerialGC",
        // C1 only: half the start-up time on a busy machine, and fast enough for a test's load
        "-XX:TieredStopAtLevel=1", ApplicationProcess.class.getName(), "--server.port=" + port));
    properties.forEach((name, value) -> command.add("--" + name + "=" + value));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().put("COMPUTE_LOAN_ENGINE_CLIENT_PASSWORD", ENGINE_CLIENT_PASSWORD);
    builder.environment().remove("COMPUTE_LOAN_DEV_PASSWORD");
    ApplicationProcess child = new ApplicationProcess(port, builder.start(), log);
    try {
      child.awaitReady(timeout);
    } catch (RuntimeException | Error e) {
      child.close();
      throw e;
    }
    return child;
  }

  /** Up: the API answers and the start-up deployment of the approval process is done. */
  private void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the application exited with " + process.exitValue() + ":\n" + logTail());
      }
      try {
        ApiClient.Response r = asEngineClient("POST", "/v2/process-definitions/search",
            "{\"filter\":{\"processDefinitionId\":\"compute-loan-approval\"}}");
        if (r.status() == 200 && r.json().path("items").size() > 0) {
          return;
        }
      } catch (UncheckedIOException notYetListening) {
        // the port opens late in the start-up
      }
      sleep(200);
    }
    throw new IllegalStateException("the application did not come up within " + timeout + ":\n" + logTail());
  }

  ApiClient.Response asEngineClient(String method, String path, String json) {
    return api.sendWithAuthorization(ApiClient.basic(ENGINE_CLIENT, ENGINE_CLIENT_PASSWORD), method, path, json);
  }

  /** kill -9: no shutdown hook, no snapshot, no flush. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the killed application did not exit");
    }
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The child's entry point: the application, halted when the test JVM's end of stdin closes. */
  public static void main(String[] args) {
    Thread orphanGuard = new Thread(() -> {
      try (InputStream in = System.in) {
        while (in.read() >= 0) {
          // the test never writes; read() returns -1 when its JVM is gone
        }
      } catch (IOException gone) {
        // the same: the parent is gone
      }
      Runtime.getRuntime().halt(1);
    }, "orphan-guard");
    orphanGuard.setDaemon(true);
    orphanGuard.start();
    ComputeLoanApplication.main(args);
  }
}

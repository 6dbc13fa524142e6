package cn.computeloan.workspace.processes;

import cn.computeloan.credit.InputLimits;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.DeploymentEvent;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * A process owner deploys one BPMN, DMN or form file through the application's Camunda client; the
 * engine's refusal (which element, what is wrong) comes back as {@link Refused}, and only a deployment
 * the engine accepted is recorded in the {@link DeploymentLog}.
 */
@Service
public class ProcessDeployments {

  /** The largest file the page deploys. */
  public static final int MAX_FILE = 1024 * 1024;
  static final List<String> EXTENSIONS = List.of(".bpmn", ".dmn", ".form");
  private static final Logger LOG = LoggerFactory.getLogger(ProcessDeployments.class);

  /**
   * Why nothing was deployed: {@code code} names the reason (the page's message {@code
   * processes.refused.<code>}): empty, tooLarge, name, extension, or engine with the engine's own
   * words as the message.
   */
  public static final class Refused extends RuntimeException {
    private final String code;

    Refused(String code, String reason) {
      super(reason);
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  /** What the engine deployed, as the log recorded it. */
  public record Deployed(long deploymentKey, String resourceName, String sha256, int newVersions) {}

  private final ObjectProvider<CamundaClient> client;
  private final DeploymentLog log;

  public ProcessDeployments(ObjectProvider<CamundaClient> client, DeploymentLog log) {
    this.client = client;
    this.log = log;
  }

  public Deployed deploy(String deployedBy, String fileName, byte[] content) {
    String name = checkedName(fileName);
    if (content == null || content.length == 0) {
      throw new Refused("empty", "the file is empty");
    }
    if (content.length > MAX_FILE) {
      throw new Refused("tooLarge", "larger than " + MAX_FILE + " bytes");
    }
    DeploymentEvent event;
    try {
      event = client.getObject().newDeployResourceCommand().addResourceBytes(content, name).send().join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof ProblemException p ? refused(p) : e;
    } catch (ProblemException e) {
      throw refused(e);
    }
    int added = log.record(event, Map.of(name, content), deployedBy);
    String sha256 = DeploymentLog.sha256(content);
    LOG.info("Deployed {} (SHA-256 {}) for {}: deployment {}, {} new version(s)", name, sha256, deployedBy,
        event.getKey(), added);
    return new Deployed(event.getKey(), name, sha256, added);
  }

  /** The file's own name (no path), of an allowed kind, printable and short enough for the log. */
  static String checkedName(String fileName) {
    if (fileName == null || fileName.isBlank()) {
      throw new Refused("empty", "no file chosen");
    }
    String name = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1).strip();
    if (name.isEmpty() || name.length() > InputLimits.FILE_NAME || !InputLimits.printable(name)) {
      throw new Refused("name", "the file name must be 1 to " + InputLimits.FILE_NAME
          + " characters without control characters");
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (EXTENSIONS.stream().noneMatch(lower::endsWith)) {
      throw new Refused("extension", "only " + String.join(", ", EXTENSIONS) + " files are deployed");
    }
    return name;
  }

  private static Refused refused(ProblemException e) {
    if (e.code() >= 500 || e.details() == null) {
      throw e; // not the file's fault: the page answers with a correlation id
    }
    String detail = e.details().getDetail();
    return new Refused("engine", detail == null || detail.isBlank() ? String.valueOf(e.details().getTitle()) : detail);
  }
}

package cn.computeloan.workspace.processes;

import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.spring.event.CamundaPostDeploymentSpringEvent;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Records in the {@link DeploymentLog} what the application deployed at start-up (the
 * {@code @Deployment} of {@code ComputeLoanApplication}): the checksum of each file is taken from the
 * same classpath resources the deployment sent.
 */
@Component
public class StartupDeployments {

  /** Who deployed, for versions the application deployed at start-up. */
  static final String BY = "compute-loan start-up";

  /** The resource patterns of {@code @Deployment} on {@code ComputeLoanApplication} (a test keeps them equal). */
  public static final List<String> PATTERNS =
      List.of("classpath*:bpmn/**/*.bpmn", "classpath*:bpmn/**/*.dmn", "classpath*:forms/**/*.form");

  /** Larger files are not read for a checksum (the engine's own deployment limit is 10 MB). */
  private static final int MAX_FILE = 10 * 1024 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(StartupDeployments.class);

  private final DeploymentLog log;

  StartupDeployments(DeploymentLog log) {
    this.log = log;
  }

  @EventListener
  void deployed(CamundaPostDeploymentSpringEvent event) {
    try {
      Map<String, byte[]> contents = contents();
      int added = 0;
      for (DeploymentEvent deployment : event.getDeployments()) {
        added += log.record(deployment, contents, BY);
      }
      LOG.info("Deployment log: {} new version(s) deployed at start-up recorded", added);
    } catch (IOException | RuntimeException e) {
      // the deployment itself succeeded; a missing log row shows as "unknown" on /processes
      LOG.error("Could not record the start-up deployment in the deployment log", e);
    }
  }

  static Map<String, byte[]> contents() throws IOException {
    Map<String, byte[]> contents = new HashMap<>();
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    for (String pattern : PATTERNS) {
      for (Resource resource : resolver.getResources(pattern)) {
        try (InputStream in = resource.getInputStream()) {
          contents.put(resource.getFilename(), in.readNBytes(MAX_FILE));
        }
      }
    }
    return contents;
  }
}

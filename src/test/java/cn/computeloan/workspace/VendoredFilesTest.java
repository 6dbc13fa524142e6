package cn.computeloan.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The vendored bpmn.io bundles under static/vendor are exactly the npm dist files that
 * scripts/refresh-vendor.sh fetched: every file listed in SHA256SUMS with its hash, none unlisted,
 * and their licence (with the watermark clause) beside them.
 */
class VendoredFilesTest {

  private static final Path VENDOR = Path.of("src/main/resources/static/vendor");

  private static Map<String, String> listed() throws IOException {
    Map<String, String> sums = new TreeMap<>();
    for (String line : Files.readAllLines(VENDOR.resolve("SHA256SUMS"))) {
      if (!line.isBlank()) {
        sums.put(line.substring(66).trim(), line.substring(0, 64));
      }
    }
    return sums;
  }

  private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  @Test
  void shouldMatchTheirListedChecksums() throws Exception {
    Map<String, String> listed = listed();
    assertThat(listed).containsKeys("form-js/form-viewer.umd.js", "form-js/assets/form-js.css", "form-js/LICENSE",
        "bpmn-js/bpmn-navigated-viewer.production.min.js", "bpmn-js/assets/bpmn-js.css",
        "bpmn-js/assets/diagram-js.css", "bpmn-js/assets/bpmn-font/css/bpmn.css", "bpmn-js/LICENSE");
    for (Map.Entry<String, String> e : listed.entrySet()) {
      assertThat(sha256(VENDOR.resolve(e.getKey()))).as(e.getKey()).isEqualTo(e.getValue());
    }
  }

  @Test
  void shouldHoldNoUnlistedFile() throws Exception {
    List<String> present;
    try (Stream<Path> files = Files.walk(VENDOR)) {
      present = files.filter(Files::isRegularFile).map(p -> VENDOR.relativize(p).toString().replace('\\', '/'))
          .filter(p -> !p.equals("SHA256SUMS")).sorted().toList();
    }
    assertThat(present).containsExactlyElementsOf(listed().keySet());
  }

  @Test
  void shouldKeepTheLicencesWithTheirWatermarkClause() throws IOException {
    for (String library : List.of("form-js", "bpmn-js")) {
      assertThat(Files.readString(VENDOR.resolve(library + "/LICENSE"))).as(library)
          .contains("Camunda Services GmbH").contains("watermark must stay fully visible");
    }
  }
}

package cn.computeloan.credit;

import cn.computeloan.credit.model.LoanApplication;
import cn.computeloan.policy.DmnScalaPolicyDecisions;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.Consumer;

/** Shared fixtures: the DMN decisions (parsed once) and the sample applications. */
public final class TestData {

  public static final DmnScalaPolicyDecisions DECISIONS = new DmnScalaPolicyDecisions();
  public static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-30T08:00:00Z"), ZoneOffset.UTC);
  public static final LocalDate TODAY = LocalDate.of(2025, 6, 30);
  public static final PolicyParameters PARAMETERS = PolicyParameters.load(DECISIONS);

  public static final String CHIP = "chip-startup-third-party-guarantee";
  public static final String DATA_CENTRE = "data-centre-project-loan";
  public static final String AIGC = "aigc-large-buyer-order";

  /** A plain ObjectMapper as the REST API will configure it (Spring Boot registers this module). */
  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  private TestData() {}

  public static ObjectNode json(String sample) {
    try (InputStream in = TestData.class.getResourceAsStream("/samples/" + sample + ".json")) {
      return (ObjectNode) MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static LoanApplication sample(String sample) {
    return sample(sample, node -> {});
  }

  /** A sample changed through its JSON tree: keeps tests short and the records immutable. */
  public static LoanApplication sample(String sample, Consumer<ObjectNode> change) {
    ObjectNode node = json(sample);
    change.accept(node);
    try {
      return MAPPER.treeToValue(node, LoanApplication.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The statements node of year index i. */
  public static ObjectNode statement(ObjectNode app, int i, String part) {
    return (ObjectNode) app.withArray("statements").get(i).get(part);
  }
}

package cn.computeloan.application.api;

import cn.computeloan.application.api.ApplicationViews.ApprovalView;
import cn.computeloan.application.api.ApplicationViews.Detail;
import cn.computeloan.application.api.ApplicationViews.DocumentView;
import cn.computeloan.application.api.ApplicationViews.StepView;
import cn.computeloan.application.store.ApplicationStore;
import cn.computeloan.application.store.StepRecord;
import cn.computeloan.application.store.StoredApplication;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * An application as the case file recorded it: input, every step result, the votes and documents.
 * What {@code GET /api/applications/{id}} answers and what the staff workspace shows beside a task.
 */
@Component
public class ApplicationDetails {

  private final ApplicationStore store;
  /** Stored amounts keep every digit: numbers with a fraction are read as decimals, never as doubles. */
  private final ObjectReader exact;

  public ApplicationDetails(ApplicationStore store, ObjectMapper mapper) {
    this.store = store;
    this.exact = mapper.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  }

  @Transactional(readOnly = true)
  public Optional<Detail> find(String id) {
    Optional<StoredApplication> found = store.find(id);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    StoredApplication a = found.get();
    List<StepView> steps = new ArrayList<>();
    Map<String, StepView> latest = new LinkedHashMap<>();
    List<ApprovalView> approvals = new ArrayList<>();
    for (StepRecord s : store.steps(id)) {
      JsonNode result = read(s.result());
      StepView view = StepView.of(s, result);
      steps.add(view);
      latest.put(s.step(), view);
      if (s.step().equals("APPROVAL") || s.step().startsWith("APPROVAL-")) {
        approvals.add(new ApprovalView(s.actor(), s.recordedAt(), text(result, "decision"), text(result, "comment"),
            result.path("approvedAmount").isNumber() ? result.path("approvedAmount").decimalValue() : null,
            integer(result, "round"), integer(result, "seat"), text(result, "group"), text(result, "authorityLevel"),
            s.elementId(), s.policyVersion()));
      }
    }
    List<DocumentView> documents = store.documents(id).stream().map(DocumentView::of).toList();
    return Optional.of(new Detail(a.id(), a.status(), a.tier(), ApplicationViews.key(a.processInstanceKey()),
        a.submittedBy(), a.submittedAt(), a.updatedAt(), read(a.payload()), latest, steps, approvals, documents));
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isMissingNode() || v.isNull() ? null : v.asText();
  }

  private static Integer integer(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isNumber() ? v.intValue() : null;
  }

  private JsonNode read(String json) {
    try {
      return exact.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON unreadable", e);
    }
  }
}

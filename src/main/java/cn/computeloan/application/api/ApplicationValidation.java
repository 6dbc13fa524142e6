package cn.computeloan.application.api;

import cn.computeloan.credit.PolicyParameters;
import cn.computeloan.credit.Violation;
import cn.computeloan.credit.model.FiscalYearStatements;
import cn.computeloan.credit.model.LoanApplication;
import cn.computeloan.credit.review.ApplicationValidator;
import cn.computeloan.credit.review.StatementValidator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Everything a submission must pass before anything is stored: the JSON shape (types, enum values,
 * dates, unknown fields) and the credit policy's field rules (applicant, product, amounts, every
 * statement line, compute profile, guarantee offers). All violations are collected, one per field.
 */
@Component
public class ApplicationValidation {

  private static final Logger LOG = LoggerFactory.getLogger(ApplicationValidation.class);

  private final ObjectMapper mapper;
  private final PolicyParametersSnapshot policy;
  private final Clock clock;

  public ApplicationValidation(ObjectMapper mapper, PolicyParametersSnapshot policy, ObjectProvider<Clock> clock) {
    this.mapper = mapper;
    this.policy = policy;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  /** The bound application, or every violation. */
  public Result validate(JsonNode body) {
    if (body == null || !body.isObject()) {
      return new Result(null, List.of(new Violation("", "INVALID_TYPE", "the body must be a JSON object")), null);
    }
    ObjectNode tree = ((ObjectNode) body).deepCopy();
    List<Violation> violations = new ArrayList<>(JsonShapeChecker.check(tree, LoanApplication.class));
    LoanApplication app;
    try {
      app = mapper.treeToValue(tree, LoanApplication.class);
    } catch (Exception e) {
      // The binder's message names Java types; the caller gets the fields the shape check found.
      LOG.debug("An application passed the shape check but could not be bound", e);
      violations.add(new Violation("", "UNREADABLE", "the application cannot be read"));
      return new Result(null, violations, null);
    }
    PolicyParameters parameters = policy.get();
    Set<String> reported = new HashSet<>();
    violations.forEach(v -> reported.add(v.field()));
    List<Violation> domain = new ArrayList<>(ApplicationValidator.validate(app, LocalDate.now(clock)));
    StatementValidator statements = new StatementValidator(parameters);
    // More years than the review takes are refused as TOO_MANY; their lines are not checked.
    for (int i = 0; i < Math.min(app.statements().size(), ApplicationValidator.MAX_YEARS); i++) {
      FiscalYearStatements year = app.statements().get(i);
      domain.addAll(statements.validate(year, i));
    }
    for (Violation v : domain) {
      // A field already reported for its shape is not reported again as missing.
      if (reported.stream().noneMatch(r -> v.field().equals(r) || (!r.isEmpty() && v.field().startsWith(r + ".")))) {
        violations.add(v);
      }
    }
    return new Result(violations.isEmpty() ? app : null, List.copyOf(violations), parameters.policyVersion());
  }

  /**
   * @param application the bound application if valid, else null
   * @param policyVersion the policy version whose rules it was validated against (null if unreadable)
   */
  public record Result(LoanApplication application, List<Violation> violations, String policyVersion) {
    public boolean valid() {
      return violations.isEmpty();
    }
  }
}

package cn.computeloan.application.api;

import cn.computeloan.application.PaymentService;
import cn.computeloan.application.PaymentService.Outcome;
import cn.computeloan.application.api.ApplicationProblems.InvalidRequestException;
import cn.computeloan.application.api.ApplicationProblems.NotFoundException;
import cn.computeloan.application.store.ApplicationStore;
import cn.computeloan.application.store.PaymentStore;
import cn.computeloan.application.store.PaymentStore.StoredPayment;
import cn.computeloan.credit.Violation;
import cn.computeloan.credit.repayment.RepaymentStatus;
import cn.computeloan.process.LoanDates;
import cn.computeloan.process.LoanServicing;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Repayments of a disbursed loan, as the core banking system reports them. */
@RestController
@RequestMapping("/api/applications/{id}/payments")
@Tag(name = "Repayments", description = "The core banking system reports repayments; post-loan monitoring follows them")
@SecurityRequirement(name = "basic")
public class PaymentController {

  /** A payment id: the core banking system's reference, bounded and printable. */
  static final Pattern PAYMENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
  /** No single repayment is above this (the largest loan is 1.5e8; room for a whole payoff). */
  static final BigDecimal MAX_AMOUNT = new BigDecimal("10000000000");

  private final PaymentService service;
  private final PaymentStore payments;
  private final ApplicationStore applications;
  private final LoanServicing servicing;
  private final ObjectMapper mapper;
  private final Clock clock;

  public PaymentController(PaymentService service, PaymentStore payments, ApplicationStore applications,
      LoanServicing servicing, ObjectMapper mapper, ObjectProvider<Clock> clock) {
    this.service = service;
    this.payments = payments;
    this.applications = applications;
    this.servicing = servicing;
    this.mapper = mapper;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  /** A payment as the API shows it. */
  public record PaymentView(String paymentId, LocalDate valueDate, BigDecimal amount, String recordedBy,
      Instant recordedAt) {
    static PaymentView of(StoredPayment p) {
      return new PaymentView(p.paymentId(), p.valueDate(), p.amount(), p.recordedBy(), p.recordedAt());
    }
  }

  /** The loan's payments and where it stands against its schedule today (null before disbursement). */
  public record PaymentsView(String applicationId, List<PaymentView> payments, RepaymentStatus status) {}

  @PostMapping(consumes = "application/json", produces = "application/json")
  @Operation(summary = "Report a repayment (role CORE_BANKING)",
      description = "Idempotent by paymentId: the same payment reported again answers 200 with the first record and "
          + "changes nothing; the same paymentId with another value date or amount is 409. Only a disbursed loan "
          + "takes payments (409).",
      requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
          content = @Content(schema = @Schema(implementation = PaymentReport.class))))
  @ApiResponse(responseCode = "201", description = "recorded")
  @ApiResponse(responseCode = "200", description = "recorded before: the first record, header Idempotent-Replayed")
  @ApiResponse(responseCode = "400", description = "invalid fields (problem+json with errors[])")
  @ApiResponse(responseCode = "404", description = "no such application")
  @ApiResponse(responseCode = "409", description = "the paymentId names another payment, or the loan is not disbursed")
  public ResponseEntity<PaymentView> report(@PathVariable String id, @RequestBody JsonNode body, Authentication user) {
    PaymentReport report = validate(body);
    Outcome outcome = service.record(id, report.paymentId(), report.valueDate(), report.amount(), user.getName(),
            roles(user))
        .orElseThrow(() -> new NotFoundException("no application " + id));
    PaymentView view = PaymentView.of(outcome.payment());
    if (outcome.replayed()) {
      return ResponseEntity.ok().header("Idempotent-Replayed", "true").body(view);
    }
    return ResponseEntity.created(URI.create("/api/applications/" + id + "/payments")).header("Idempotent-Replayed",
        "false").body(view);
  }

  @GetMapping(produces = "application/json")
  @Operation(summary = "The loan's repayments and its arrears today")
  @Transactional(readOnly = true)
  public PaymentsView list(@PathVariable String id) {
    if (applications.find(id).isEmpty()) {
      throw new NotFoundException("no application " + id);
    }
    RepaymentStatus status = servicing.repayments(id, LoanDates.today(clock)).orElse(null);
    return new PaymentsView(id, payments.list(id).stream().map(PaymentView::of).toList(), status);
  }

  /** Every violation at once, as for applications; nothing is stored unless all fields are valid. */
  private PaymentReport validate(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new InvalidRequestException(List.of(new Violation("", "INVALID_TYPE", "the body must be a JSON object")));
    }
    ObjectNode tree = ((ObjectNode) body).deepCopy();
    List<Violation> v = new ArrayList<>(JsonShapeChecker.check(tree, PaymentReport.class));
    PaymentReport r;
    try {
      r = mapper.treeToValue(tree, PaymentReport.class);
    } catch (Exception e) {
      throw new InvalidRequestException(List.of(new Violation("", "UNREADABLE", "the payment cannot be read")));
    }
    if (r.paymentId() == null || r.paymentId().isBlank()) {
      required(v, "paymentId");
    } else if (!PAYMENT_ID.matcher(r.paymentId()).matches()) {
      v.add(new Violation("paymentId", "INVALID_FORMAT",
          "1 to 64 characters: letters, digits and . _ : - (not starting with a sign)"));
    }
    if (r.valueDate() == null) {
      required(v, "valueDate");
    } else if (r.valueDate().isAfter(LoanDates.today(clock))) {
      v.add(new Violation("valueDate", "OUT_OF_RANGE", "lies in the future"));
    }
    if (r.amount() == null) {
      required(v, "amount");
    } else if (r.amount().signum() <= 0) {
      v.add(new Violation("amount", "NOT_POSITIVE", "must be positive"));
    } else if (r.amount().stripTrailingZeros().scale() > 2) {
      v.add(new Violation("amount", "INVALID_SCALE", "at most two decimals (fen)"));
    } else if (r.amount().compareTo(MAX_AMOUNT) > 0) {
      v.add(new Violation("amount", "TOO_LARGE", "at most " + MAX_AMOUNT.toPlainString()));
    }
    if (!v.isEmpty()) {
      throw new InvalidRequestException(v);
    }
    return r;
  }

  private static void required(List<Violation> v, String field) {
    if (v.stream().noneMatch(x -> x.field().equals(field))) {
      v.add(new Violation(field, "REQUIRED", "is required"));
    }
  }

  private static String roles(Authentication user) {
    return String.join(",", user.getAuthorities().stream()
        .map(a -> a.getAuthority().replaceFirst("^ROLE_", "")).toList());
  }
}

package cn.computeloan.application.api;

import cn.computeloan.application.SubmissionService;
import cn.computeloan.application.SubmissionService.Submission;
import cn.computeloan.application.api.ApplicationProblems.InvalidRequestException;
import cn.computeloan.application.api.ApplicationProblems.NotFoundException;
import cn.computeloan.application.api.ApplicationViews.Detail;
import cn.computeloan.application.api.ApplicationViews.SearchPage;
import cn.computeloan.application.api.ApplicationViews.SubmissionResult;
import cn.computeloan.application.api.ApplicationViews.Summary;
import cn.computeloan.application.store.ApplicationStore;
import cn.computeloan.application.store.SearchCriteria;
import cn.computeloan.application.store.StoredApplication;
import cn.computeloan.credit.InputLimits;
import cn.computeloan.credit.Violation;
import cn.computeloan.credit.model.LoanApplication;
import cn.computeloan.credit.model.Product;
import cn.computeloan.credit.model.Tier;
import cn.computeloan.process.ApplicationStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Submitting, reading and searching loan applications. */
@RestController
@RequestMapping("/api/applications")
@Tag(name = "Applications", description = "Submit compute-loan applications and follow them")
@SecurityRequirement(name = "basic")
public class ApplicationController {

  static final int MAX_PAGE_SIZE = 200;

  private final ApplicationValidation validation;
  private final SubmissionService submissions;
  private final ApplicationStore store;
  /** Reads JSON numbers with a fraction or exponent as BigDecimal: a double keeps only ~16 digits of an amount. */
  private final ObjectReader exact;
  private final ApplicationDetails details;

  public ApplicationController(ApplicationValidation validation, SubmissionService submissions,
      ApplicationStore store, ObjectMapper mapper, ApplicationDetails details) {
    this.validation = validation;
    this.submissions = submissions;
    this.store = store;
    this.exact = mapper.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    this.details = details;
  }

  @PostMapping(consumes = "application/json", produces = "application/json")
  @Operation(summary = "Submit an application (role INTAKE_OFFICER)",
      description = "Validates everything first: a bad request gets 400 listing every invalid field, and nothing is "
          + "stored. With Idempotency-Key, a repeated submission returns the first result.",
      requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
          content = @Content(schema = @Schema(implementation = LoanApplication.class))))
  @ApiResponse(responseCode = "201", description = "stored and its approval process started")
  @ApiResponse(responseCode = "400", description = "invalid fields (problem+json with errors[])")
  @ApiResponse(responseCode = "409", description = "a submission with this Idempotency-Key is still in progress; "
      + "retry shortly with the same key")
  @ApiResponse(responseCode = "415", description = "the body is not JSON")
  @ApiResponse(responseCode = "422", description = "Idempotency-Key reused for a different application")
  @ApiResponse(responseCode = "503", description = "the process could not be started, or too many submissions at "
      + "once; nothing stored, retry with the same Idempotency-Key")
  public ResponseEntity<SubmissionResult> submit(
      @RequestBody byte[] request,
      @Parameter(description = "client-chosen key (max 200 characters) making retries safe")
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      Authentication user) {
    ApplicationValidation.Result result = validation.validate(parse(request));
    List<Violation> violations = new ArrayList<>(result.violations());
    if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > InputLimits.IDEMPOTENCY_KEY
        || !InputLimits.printable(idempotencyKey))) {
      violations.add(new Violation("Idempotency-Key", "INVALID_VALUE",
          "must be 1 to " + InputLimits.IDEMPOTENCY_KEY + " characters, none of them a control character"));
    }
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(violations);
    }
    List<String> roles = user.getAuthorities().stream().map(a -> a.getAuthority().replaceFirst("^ROLE_", "")).toList();
    Submission submission = submissions.submit(result.application(), user.getName(), roles, idempotencyKey,
        result.policyVersion());
    StoredApplication a = submission.application();
    return ResponseEntity.created(URI.create("/api/applications/" + a.id()))
        .header("Idempotent-Replayed", Boolean.toString(submission.replayed()))
        .body(SubmissionResult.of(a));
  }

  @GetMapping(path = "/{id}", produces = "application/json")
  @Operation(summary = "An application: status and every result so far, with the policy version of each")
  public Detail get(@PathVariable String id) {
    return details.find(id).orElseThrow(() -> new NotFoundException("no application " + id));
  }

  @GetMapping(produces = "application/json")
  @Operation(summary = "Search applications, newest first")
  public SearchPage search(
      @RequestParam(required = false) ApplicationStatus status,
      @RequestParam(required = false) Product product,
      @RequestParam(required = false) Tier tier,
      @Parameter(description = "part of the applicant's name, or its unified social credit code")
      @RequestParam(required = false) String applicant,
      @Parameter(description = "submitted at or after (ISO-8601 instant)")
      @RequestParam(required = false) Instant submittedFrom,
      @Parameter(description = "submitted before (ISO-8601 instant)")
      @RequestParam(required = false) Instant submittedTo,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    List<Violation> violations = new ArrayList<>();
    if (page < 0) {
      violations.add(new Violation("page", "OUT_OF_RANGE", "must not be negative"));
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      violations.add(new Violation("size", "OUT_OF_RANGE", "must be between 1 and " + MAX_PAGE_SIZE));
    }
    if (submittedFrom != null && submittedTo != null && !submittedFrom.isBefore(submittedTo)) {
      violations.add(new Violation("submittedTo", "OUT_OF_RANGE", "must be after submittedFrom"));
    }
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(violations);
    }
    ApplicationStore.Page<StoredApplication> found = store.search(new SearchCriteria(status,
        product == null ? null : product.name(), tier == null ? null : tier.name(),
        applicant == null || applicant.isBlank() ? null : applicant.trim(), submittedFrom, submittedTo), page, size);
    return new SearchPage(found.items().stream().map(Summary::of).toList(), found.page(), found.size(), found.total());
  }

  /** The body as JSON; amounts keep every digit (read as decimals, never as doubles). */
  private JsonNode parse(byte[] request) {
    try {
      return exact.readTree(request);
    } catch (IOException | NumberFormatException e) {
      // NumberFormatException: a decimal whose exponent overflows (1e9999999999) escapes the parser as such
      throw new InvalidRequestException(List.of(new Violation("", "UNREADABLE", "the body is not valid JSON")));
    }
  }
}

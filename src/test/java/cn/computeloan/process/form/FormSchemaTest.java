package cn.computeloan.process.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The deployed forms read on the server: writable fields and the form's own rules. */
class FormSchemaTest {

  private static FormSchema form(String id) throws IOException {
    return FormSchema.parse(Files.readString(Path.of("forms", id + ".form")));
  }

  private static Map<String, Object> approvalTask() {
    Map<String, Object> task = new HashMap<>();
    task.put("applicationId", "APP-1");
    task.put("proposedLimit", new BigDecimal("12000000"));
    task.put("finalRateBp", 355);
    task.put("decision", null);
    task.put("comment", null);
    task.put("approvedAmount", new BigDecimal("12000000"));
    return task;
  }

  private static Map<String, Object> vote(String decision, Object amount, String comment) {
    Map<String, Object> vote = new HashMap<>();
    vote.put("decision", decision);
    vote.put("approvedAmount", amount);
    vote.put("comment", comment);
    return vote;
  }

  private static List<String> codes(List<FieldProblem> problems) {
    return problems.stream().map(p -> p.field() + ":" + p.code()).toList();
  }

  @Test
  void shouldDeclareOnlyTheDecisionFieldsOfAnApprovalFormWritable() throws IOException {
    FormSchema form = form("approve-at-branch");

    assertThat(form.id()).isEqualTo("approve-at-branch");
    assertThat(form.writableKeys()).containsExactlyInAnyOrder("decision", "approvedAmount", "comment");
    assertThat(form.readVariables()).contains("proposedLimit", "finalRateBp", "reviewFindings", "previousVotes",
        "keyRatios", "decision").doesNotContain("seat", "item", "not");
  }

  @Test
  void shouldAcceptAValidApproval() throws IOException {
    assertThat(form("approve-at-branch").validate(vote("APPROVE", 11_000_000, "同意，按方案执行。"), approvalTask()))
        .isEmpty();
  }

  @Test
  void shouldRefuseEveryFieldTheFormDoesNotDeclareWritable() throws IOException {
    // given: the finding of the security review: a vote that also sets the loan's terms
    Map<String, Object> completion = vote("APPROVE", 11_000_000, "同意，按方案执行。");
    completion.put("finalRateBp", 1);
    completion.put("approvedTermMonths", 999);
    completion.put("proposedLimit", 999_999_999);
    completion.put("applicationId", "OTHER");

    // when
    List<FieldProblem> problems = form("approve-at-branch").validate(completion, approvalTask());

    // then: each named, nothing else
    assertThat(codes(problems)).containsExactlyInAnyOrder("finalRateBp:NOT_WRITABLE",
        "approvedTermMonths:NOT_WRITABLE", "proposedLimit:NOT_WRITABLE", "applicationId:NOT_WRITABLE");
    assertThat(problems.get(0).message()).contains("/");
  }

  @Test
  void shouldRefuseAnApprovedAmountAboveTheProposedLimitFromTheTasksVariables() throws IOException {
    List<FieldProblem> problems = form("approve-at-branch")
        .validate(vote("APPROVE", new BigDecimal("12000000.01"), "同意，按方案执行。"), approvalTask());

    assertThat(codes(problems)).containsExactly("approvedAmount:TOO_LARGE");
    assertThat(problems.get(0).message()).contains("12000000");
  }

  @Test
  void shouldFailClosedWhenABoundCannotBeEvaluated() throws IOException {
    Map<String, Object> task = approvalTask();
    task.remove("proposedLimit");

    assertThat(codes(form("approve-at-branch").validate(vote("APPROVE", 1_000, "同意，按方案执行。"), task)))
        .containsExactly("approvedAmount:RULE_UNREADABLE");
  }

  @Test
  void shouldRefuseMissingWrongTypedAndUnlistedValues() throws IOException {
    FormSchema form = form("approve-at-branch");

    assertThat(codes(form.validate(vote(null, null, "同意，按方案执行。"), approvalTask())))
        .containsExactly("decision:REQUIRED");
    assertThat(codes(form.validate(vote("MAYBE", null, "同意，按方案执行。"), approvalTask())))
        .containsExactly("decision:NOT_ALLOWED");
    assertThat(codes(form.validate(vote("APPROVE", "lots", "同意，按方案执行。"), approvalTask())))
        .containsExactly("approvedAmount:WRONG_TYPE");
    assertThat(codes(form.validate(vote("APPROVE", 0, "同意，按方案执行。"), approvalTask())))
        .containsExactly("approvedAmount:TOO_SMALL");
    assertThat(codes(form.validate(vote("REJECT", null, "  短  "), approvalTask())))
        .containsExactly("comment:TOO_SHORT");
    assertThat(codes(form.validate(vote("REJECT", null, "x".repeat(FormSchema.MAX_TEXT + 1)), approvalTask())))
        .containsExactly("comment:TOO_LONG");
    assertThat(form.validate(vote("REJECT", null, "长".repeat(FormSchema.MAX_TEXT)), approvalTask())).isEmpty();
  }

  @Test
  void shouldNotValidateAHiddenFieldButRefuseAValueSentForIt() throws IOException {
    FormSchema form = form("approve-at-branch");

    // the amount is hidden unless the decision is APPROVE: the task's prefilled amount is ignored
    assertThat(form.validate(vote("REJECT", null, "现金跑道不足六个月。"), approvalTask())).isEmpty();
    assertThat(codes(form.validate(vote("REJECT", 5, "现金跑道不足六个月。"), approvalTask())))
        .containsExactly("approvedAmount:NOT_ALLOWED");
  }

  @Test
  void shouldApplyTheRulesOfEveryOtherForm() throws IOException {
    Map<String, Object> signing = new HashMap<>(Map.of("agreementSigned", false, "signedOn", "2026-12-01"));
    assertThat(codes(form("sign-credit-agreement").validate(signing, Map.of())))
        .containsExactly("agreementSigned:REQUIRED");
    signing.put("agreementSigned", true);
    signing.put("signedOn", "1 Dec");
    assertThat(codes(form("sign-credit-agreement").validate(signing, Map.of())))
        .containsExactly("signedOn:WRONG_TYPE");

    Map<String, Object> negotiation = new HashMap<>(Map.of("negotiationOutcome", "COVER_ADDED",
        "additionalGuaranteeType", "GOLD", "additionalGuaranteeProvider", "某担保公司", "additionalGuaranteeValue", 100,
        "comment", "补充担保。"));
    assertThat(codes(form("negotiate-guarantee").validate(negotiation, Map.of())))
        .containsExactly("additionalGuaranteeType:NOT_ALLOWED");
    assertThat(codes(form("negotiate-guarantee").validate(
        Map.of("negotiationOutcome", "NO_FURTHER_COVER", "comment", "无更多担保。"), Map.of()))).isEmpty();
    negotiation.put("additionalGuaranteeType", "PLEDGE");
    negotiation.put("additionalGuaranteeProvider", "某".repeat(FormSchema.MAX_LINE + 1));
    assertThat(codes(form("negotiate-guarantee").validate(negotiation, Map.of())))
        .containsExactly("additionalGuaranteeProvider:TOO_LONG");
  }

  @Test
  void shouldRefuseAMalformedSchema() {
    assertThatThrownBy(() -> FormSchema.parse("{\"id\":\"x\"}")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FormSchema.parse("not json")).isInstanceOf(IllegalArgumentException.class);
  }
}

package cn.computeloan.credit.review;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.credit.InputLimits;
import cn.computeloan.credit.TestData;
import cn.computeloan.credit.Violation;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ApplicationValidatorTest {

  private static List<String> violations(String sample, Consumer<ObjectNode> change) {
    return ApplicationValidator.validate(TestData.sample(sample, change), TestData.TODAY).stream()
        .map(v -> v.field() + ":" + v.code()).toList();
  }

  @Test
  void samplesAreValid() {
    for (String s : List.of(TestData.CHIP, TestData.DATA_CENTRE, TestData.AIGC)) {
      assertThat(ApplicationValidator.validate(TestData.sample(s), TestData.TODAY)).isEmpty();
    }
  }

  @Test
  void applicantFields() {
    assertThat(violations(TestData.CHIP, a -> ((ObjectNode) a.get("applicant"))
        .put("name", " ").put("unifiedSocialCreditCode", "91440606MA55K3XQ2I")
        .putNull("segment").putNull("fundingStage").put("foundingDate", "2030-01-01")))
        .containsExactly("applicant.name:REQUIRED",
            "applicant.unifiedSocialCreditCode:INVALID_FORMAT", "applicant.segment:REQUIRED",
            "applicant.fundingStage:REQUIRED", "applicant.foundingDate:OUT_OF_RANGE");
    assertThat(violations(TestData.CHIP, a -> a.putNull("applicant")))
        .containsExactly("applicant:REQUIRED");
  }

  @Test
  void amountsTermAndProductSpecificFields() {
    assertThat(violations(TestData.DATA_CENTRE, a -> a.put("requestedAmount", 0)
        .put("termMonths", 0).putNull("projectTotalInvestment")))
        .containsExactly("requestedAmount:NOT_POSITIVE", "termMonths:NOT_POSITIVE",
            "projectTotalInvestment:REQUIRED");
    assertThat(violations(TestData.AIGC, a -> ((ObjectNode) a.get("orderContract"))
        .put("buyer", "").put("amount", -1)))
        .containsExactly("orderContract.buyer:REQUIRED", "orderContract.amount:NOT_POSITIVE");
    assertThat(violations(TestData.AIGC, a -> a.putNull("orderContract")))
        .containsExactly("orderContract:REQUIRED");
    assertThat(violations(TestData.AIGC, a -> a.putNull("product")))
        .containsExactly("product:REQUIRED");
  }

  @Test
  void statementCount() {
    assertThat(violations(TestData.CHIP, a -> a.putArray("statements")))
        .containsExactly("statements:REQUIRED");
    assertThat(violations(TestData.CHIP, a -> a.withArray("statements")
        .add(a.withArray("statements").get(0).deepCopy())))
        .containsExactly("statements:TOO_MANY", "statements[3].fiscalYear:DUPLICATE_YEAR");
  }

  @Test
  void profileRanges() {
    assertThat(violations(TestData.CHIP, a -> ((ObjectNode) a.get("computeProfile"))
        .put("averageUtilisation", 1.2).put("largestCustomerRevenueShare", -0.1).put("pue", 0.9)
        .put("rdStaff", 200).put("patents", -1).put("coreTeamSize", -2)
        .put("rentalPricePerGpuHour", -0.5)))
        .containsExactly("computeProfile.averageUtilisation:OUT_OF_RANGE",
            "computeProfile.largestCustomerRevenueShare:OUT_OF_RANGE",
            "computeProfile.pue:OUT_OF_RANGE", "computeProfile.rdStaff:OUT_OF_RANGE",
            "computeProfile.patents:NEGATIVE_VALUE", "computeProfile.coreTeamSize:NEGATIVE_VALUE",
            "computeProfile.rentalPricePerGpuHour:NEGATIVE_VALUE");
    assertThat(violations(TestData.CHIP, a -> a.putNull("computeProfile")))
        .containsExactly("computeProfile:REQUIRED");
  }

  @Test
  void guaranteeOffers() {
    assertThat(violations(TestData.CHIP, a -> {
      a.withArray("guaranteeOffers").addNull();
      a.withArray("guaranteeOffers").addObject().put("type", "MORTGAGE").put("appraisedValue", -5);
      a.withArray("guaranteeOffers").addObject().put("type", "CREDIT");
      a.withArray("guaranteeOffers").addObject().put("provider", "x").put("appraisedValue", 1);
    })).containsExactly("guaranteeOffers[2]:REQUIRED",
        "guaranteeOffers[3].appraisedValue:NEGATIVE_VALUE", "guaranteeOffers[3].provider:REQUIRED",
        "guaranteeOffers[5].type:REQUIRED");
  }

  @Test
  void shouldRequireCurrentEsgRatingWhenPreviousIsGiven() {
    assertThat(violations(TestData.DATA_CENTRE, a -> a.putNull("esgRating")))
        .containsExactly("esgRating:REQUIRED");
    assertThat(violations(TestData.DATA_CENTRE, a -> a.putNull("esgRating")
        .putNull("previousEsgRating"))).isEmpty();
  }

  @Test
  void shouldRefuseNamesLongerThanTheirColumnOrWithControlCharacters() {
    // given
    String tooLong = "a".repeat(InputLimits.NAME + 1);
    // when / then
    assertThat(violations(TestData.AIGC, a -> ((ObjectNode) a.get("applicant")).put("name", tooLong)))
        .containsExactly("applicant.name:TOO_LONG");
    assertThat(violations(TestData.AIGC, a -> ((ObjectNode) a.get("applicant")).put("name", "a".repeat(InputLimits.NAME))))
        .isEmpty();
    assertThat(violations(TestData.AIGC, a -> ((ObjectNode) a.get("applicant")).put("name", "言川" + (char) 0 + "智能")))
        .containsExactly("applicant.name:INVALID_CHARACTERS");
    assertThat(violations(TestData.AIGC, a -> ((ObjectNode) a.get("applicant")).put("name", "言川" + (char) 0xD800 + "智能")))
        .containsExactly("applicant.name:INVALID_CHARACTERS");
    assertThat(violations(TestData.AIGC, a -> ((ObjectNode) a.get("orderContract")).put("buyer", tooLong)))
        .containsExactly("orderContract.buyer:TOO_LONG");
    assertThat(violations(TestData.CHIP, a -> ((ObjectNode) a.withArray("guaranteeOffers").get(0))
        .put("provider", tooLong))).contains("guaranteeOffers[0].provider:TOO_LONG");
    assertThat(violations(TestData.AIGC, a -> a.put("applicationId", "r".repeat(InputLimits.REFERENCE + 1))))
        .containsExactly("applicationId:TOO_LONG");
  }

  @Test
  void shouldRefuseMoreGuaranteeOffersThanTheLimit() {
    // when
    List<String> v = violations(TestData.AIGC, a -> {
      for (int i = 0; i <= InputLimits.MAX_GUARANTEE_OFFERS; i++) {
        a.withArray("guaranteeOffers").addObject().put("type", "CREDIT");
      }
    });
    // then
    assertThat(v).contains("guaranteeOffers:TOO_MANY");
  }

  @Test
  void shouldRefuseARequestedAmountFinerThanFen() {
    assertThat(violations(TestData.AIGC, a -> a.put("requestedAmount", new java.math.BigDecimal("1000000.001"))))
        .containsExactly("requestedAmount:TOO_PRECISE");
    assertThat(violations(TestData.AIGC, a -> a.put("requestedAmount", new java.math.BigDecimal("1000000.100"))))
        .isEmpty();
  }

  @Test
  void violationIsAPlainRecord() {
    assertThat(new Violation("a", "B", "c")).isEqualTo(new Violation("a", "B", "c"));
  }

  @Test
  void shouldKeepTheProjectPlanToProjectLoans() {
    assertThat(violations(TestData.CHIP, a -> {
      a.put("projectOperationDate", "2026-09-30");
      a.putArray("projectCashFlows").addObject().put("year", 2026).put("operatingCashFlow", 1);
    })).containsExactly("projectOperationDate:NOT_APPLICABLE", "projectCashFlows:NOT_APPLICABLE");
  }

  @Test
  void shouldBoundAndCheckTheProjectedCashFlow() {
    assertThat(violations(TestData.DATA_CENTRE, a -> {
      var flows = a.putArray("projectCashFlows");
      flows.addObject().put("year", 2026).put("operatingCashFlow", 1);
      flows.addObject().put("year", 2026).put("operatingCashFlow", 2);
      flows.addObject().put("year", 1999).put("operatingCashFlow", 3);
      flows.addObject().put("year", 2027).putNull("operatingCashFlow");
    })).containsExactly("projectCashFlows[1].year:DUPLICATE_YEAR", "projectCashFlows[2].year:OUT_OF_RANGE",
        "projectCashFlows[3].operatingCashFlow:REQUIRED");
    assertThat(violations(TestData.DATA_CENTRE, a -> {
      var flows = a.putArray("projectCashFlows");
      for (int y = 2025; y < 2025 + ApplicationValidator.MAX_PROJECT_YEARS + 1; y++) {
        flows.addObject().put("year", y).put("operatingCashFlow", 1);
      }
    })).containsExactly("projectCashFlows:TOO_MANY");
  }

  @Test
  void shouldCheckTheGpuHardwareOfAnEquipmentMortgage() {
    assertThat(violations(TestData.DATA_CENTRE, a -> ((ObjectNode) a.withArray("guaranteeOffers").get(1)
        .get("equipment")).putNull("gpuGeneration").put("ageMonths", 241).put("gpuCount", 0)))
        .containsExactly("guaranteeOffers[1].equipment.gpuGeneration:REQUIRED",
            "guaranteeOffers[1].equipment.ageMonths:OUT_OF_RANGE", "guaranteeOffers[1].equipment.gpuCount:OUT_OF_RANGE");
    assertThat(violations(TestData.DATA_CENTRE, a -> ((ObjectNode) a.withArray("guaranteeOffers").get(0))
        .putObject("equipment").put("gpuGeneration", "HOPPER").put("ageMonths", 1)))
        .containsExactly("guaranteeOffers[0].equipment:NOT_APPLICABLE");
  }

  @Test
  void shouldRefuseASubsidyProgrammeThatIsNotACode() {
    assertThat(violations(TestData.DATA_CENTRE, a -> a.put("interestSubsidyProgramme", "科技贴息")))
        .containsExactly("interestSubsidyProgramme:INVALID_FORMAT");
    assertThat(violations(TestData.DATA_CENTRE, a -> a.put("interestSubsidyProgramme", "A".repeat(41))))
        .containsExactly("interestSubsidyProgramme:INVALID_FORMAT");
  }
}

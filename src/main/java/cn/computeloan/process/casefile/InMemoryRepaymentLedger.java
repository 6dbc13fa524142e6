package cn.computeloan.process.casefile;

import cn.computeloan.credit.repayment.ReceivedPayment;
import cn.computeloan.process.RepaymentLedger;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Payments kept in memory (process tests); a payment id reported twice is kept once. */
public class InMemoryRepaymentLedger implements RepaymentLedger {

  private final Map<String, Map<String, ReceivedPayment>> payments = new ConcurrentHashMap<>();

  /** Records a payment; false if its id was recorded before. */
  public boolean record(String applicationId, ReceivedPayment payment) {
    return payments.computeIfAbsent(applicationId, k -> new ConcurrentHashMap<>())
        .putIfAbsent(payment.paymentId(), payment) == null;
  }

  @Override
  public List<ReceivedPayment> payments(String applicationId) {
    return payments.getOrDefault(applicationId, Map.of()).values().stream()
        .sorted(Comparator.comparing(ReceivedPayment::valueDate).thenComparing(ReceivedPayment::paymentId)).toList();
  }
}

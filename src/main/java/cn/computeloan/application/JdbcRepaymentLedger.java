package cn.computeloan.application;

import cn.computeloan.application.store.PaymentStore;
import cn.computeloan.credit.repayment.ReceivedPayment;
import cn.computeloan.process.RepaymentLedger;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The repayment ledger in the application database: what the payments API stored. With
 * {@code compute-loan.process.case-file=in-memory} the process package's in-memory ledger serves.
 */
@Service
@ConditionalOnProperty(name = "compute-loan.process.case-file", havingValue = "jdbc", matchIfMissing = true)
public class JdbcRepaymentLedger implements RepaymentLedger {

  private final PaymentStore payments;

  public JdbcRepaymentLedger(PaymentStore payments) {
    this.payments = payments;
  }

  @Override
  @Transactional(readOnly = true)
  public List<ReceivedPayment> payments(String applicationId) {
    return payments.list(applicationId).stream().map(PaymentStore.StoredPayment::received).toList();
  }
}

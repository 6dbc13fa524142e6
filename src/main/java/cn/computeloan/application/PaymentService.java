package cn.computeloan.application;

import cn.computeloan.application.audit.AuditEntry;
import cn.computeloan.application.audit.AuditTrail;
import cn.computeloan.application.store.ApplicationStore;
import cn.computeloan.application.store.PaymentStore;
import cn.computeloan.application.store.PaymentStore.StoredPayment;
import cn.computeloan.application.store.StoredApplication;
import cn.computeloan.process.ApplicationStatus;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records the repayments the core banking system reports, once per payment id: a report repeated
 * with the same id and figures answers with the first record and changes nothing; the same id with
 * other figures is refused. Each new payment is an audit event of the loan.
 */
@Service
public class PaymentService {

  /** Audit action of a recorded payment. */
  public static final String PAYMENT_RECORDED = "PAYMENT_RECORDED";

  private final ApplicationStore applications;
  private final PaymentStore payments;
  private final AuditTrail audit;
  private final ObjectMapper mapper;
  private final Clock clock;

  public PaymentService(ApplicationStore applications, PaymentStore payments, AuditTrail audit, ObjectMapper mapper,
      ObjectProvider<Clock> clock) {
    this.applications = applications;
    this.payments = payments;
    this.audit = audit;
    this.mapper = mapper;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  /** What happened to a report: the stored payment, and whether it was stored before. */
  public record Outcome(StoredPayment payment, boolean replayed) {}

  /** The report's id was recorded before with other figures. */
  public static final class PaymentIdConflictException extends RuntimeException {
    public PaymentIdConflictException(String message) {
      super(message);
    }
  }

  /** Payments are taken only for a disbursed loan. */
  public static final class NotDisbursedException extends RuntimeException {
    public NotDisbursedException(String message) {
      super(message);
    }
  }

  /** Records a payment; empty if there is no such application. */
  @Transactional
  public Optional<Outcome> record(String applicationId, String paymentId, LocalDate valueDate, BigDecimal amount,
      String user, String role) {
    // the row lock serialises reports for one loan, so the same id reported twice at once is stored once
    Optional<StoredApplication> application = applications.lock(applicationId);
    if (application.isEmpty()) {
      return Optional.empty();
    }
    Optional<StoredPayment> earlier = payments.find(applicationId, paymentId);
    if (earlier.isPresent()) {
      StoredPayment p = earlier.get();
      if (!p.valueDate().equals(valueDate) || p.amount().compareTo(amount) != 0) {
        throw new PaymentIdConflictException("payment " + paymentId + " was recorded with value date "
            + p.valueDate() + " and amount " + p.amount().toPlainString() + ": a payment id names one payment");
      }
      return Optional.of(new Outcome(p, true));
    }
    if (application.get().status() != ApplicationStatus.DISBURSED) {
      throw new NotDisbursedException("application " + applicationId + " is " + application.get().status()
          + ": repayments are taken for a disbursed loan only");
    }
    StoredPayment p = new StoredPayment(applicationId, paymentId, valueDate, amount.setScale(2), user,
        clock.instant().truncatedTo(ChronoUnit.MICROS));
    payments.insert(p);
    Map<String, Object> after = new LinkedHashMap<>();
    after.put("paymentId", paymentId);
    after.put("valueDate", valueDate.toString());
    after.put("amount", p.amount());
    try {
      audit.append(applicationId, AuditEntry.of(user, role, PAYMENT_RECORDED, null, mapper.writeValueAsString(after)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return Optional.of(new Outcome(p, false));
  }
}

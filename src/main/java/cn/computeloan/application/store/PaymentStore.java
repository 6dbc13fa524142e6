package cn.computeloan.application.store;

import cn.computeloan.credit.repayment.ReceivedPayment;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** JDBC access to the repayments the core banking system reported. Transactions are the caller's. */
@Repository
public class PaymentStore {

  /** A loan has at most this many payments listed (ten years of monthly instalments, with room). */
  public static final int MAX_LISTED = 2_000;

  private final JdbcClient jdbc;

  public PaymentStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A stored payment with who reported it and when. */
  public record StoredPayment(String applicationId, String paymentId, java.time.LocalDate valueDate, BigDecimal amount,
      String recordedBy, Instant recordedAt) {
    public ReceivedPayment received() {
      return new ReceivedPayment(paymentId, valueDate, amount);
    }
  }

  public void insert(StoredPayment p) {
    jdbc.sql("""
            INSERT INTO repayment_payment (application_id, payment_id, value_date, amount, recorded_by, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?)""")
        .params(p.applicationId(), p.paymentId(), p.valueDate(), p.amount(), p.recordedBy(),
            ApplicationStore.utc(p.recordedAt()))
        .update();
  }

  public Optional<StoredPayment> find(String applicationId, String paymentId) {
    return jdbc.sql("SELECT * FROM repayment_payment WHERE application_id = ? AND payment_id = ?")
        .params(applicationId, paymentId).query(PaymentStore::payment).optional();
  }

  /** The loan's payments by value date (at most {@link #MAX_LISTED}). */
  public List<StoredPayment> list(String applicationId) {
    return jdbc.sql("SELECT * FROM repayment_payment WHERE application_id = ? ORDER BY value_date, id LIMIT ?")
        .params(applicationId, MAX_LISTED).query(PaymentStore::payment).list();
  }

  private static StoredPayment payment(ResultSet rs, int row) throws SQLException {
    return new StoredPayment(rs.getString("application_id"), rs.getString("payment_id"),
        rs.getDate("value_date").toLocalDate(), rs.getBigDecimal("amount"), rs.getString("recorded_by"),
        rs.getObject("recorded_at", java.time.OffsetDateTime.class).toInstant());
  }
}

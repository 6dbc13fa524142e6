package cn.computeloan.process;

import cn.computeloan.credit.warning.MonitoringSnapshot;
import java.util.Optional;

/**
 * The borrower's refreshed indicators for post-loan monitoring (statements, compute profile),
 * as the bank's data sources report them. Implemented by the application; the process package has
 * an in-memory fallback.
 */
public interface MonitoringIndicators {

  /** The latest snapshot reported for the loan's application, or empty if none came since approval. */
  Optional<MonitoringSnapshot> latest(String applicationId);
}

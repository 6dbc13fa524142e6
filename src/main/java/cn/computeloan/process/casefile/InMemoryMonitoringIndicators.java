package cn.computeloan.process.casefile;

import cn.computeloan.credit.warning.MonitoringSnapshot;
import cn.computeloan.process.MonitoringIndicators;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Indicators reported in memory: the fallback when the application provides no data source. */
public class InMemoryMonitoringIndicators implements MonitoringIndicators {

  private final Map<String, MonitoringSnapshot> latest = new ConcurrentHashMap<>();

  /** Records a refreshed snapshot for the loan of {@code applicationId}. */
  public void report(String applicationId, MonitoringSnapshot snapshot) {
    latest.put(applicationId, snapshot);
  }

  @Override
  public Optional<MonitoringSnapshot> latest(String applicationId) {
    return Optional.ofNullable(latest.get(applicationId));
  }
}

package cn.computeloan.engine.benchmark;

import cn.computeloan.testsupport.TestPostgres;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/** What the benchmark reports about its process and machine: load average, resident memory, database size, commit. */
final class ProcessInfo {

  private ProcessInfo() {}

  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException e) {
      return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  /** The process's resident set now (VmRSS), in MiB; -1 where /proc is missing. */
  static long residentMiB() {
    return statusMiB("VmRSS:");
  }

  /** The highest resident set the process has had so far (VmHWM), in MiB. */
  static long peakResidentMiB() {
    return statusMiB("VmHWM:");
  }

  private static long statusMiB(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return -1;
  }

  /** Size of the database on disk: the H2 file, or the schema's tables with indexes on PostgreSQL (-1 if unknown). */
  static long databaseMiB(String db, Path h2File, String schema) {
    try {
      if (!db.equals("postgres")) {
        return Files.size(h2File) >> 20;
      }
      try (Connection c = TestPostgres.server().connect();
          PreparedStatement size = c.prepareStatement("SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c "
              + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind = 'r'")) {
        size.setString(1, schema);
        try (ResultSet rows = size.executeQuery()) {
          return rows.next() ? rows.getLong(1) >> 20 : -1;
        }
      }
    } catch (IOException | SQLException e) {
      return -1;
    }
  }

  /** Process ids of the PostgreSQL backends whose connections carry this application name. */
  static java.util.List<Integer> postgresBackends(String applicationName) {
    try (Connection c = TestPostgres.server().connect();
        PreparedStatement backends = c.prepareStatement(
            "SELECT pid FROM pg_stat_activity WHERE application_name = ?")) {
      backends.setString(1, applicationName);
      java.util.List<Integer> pids = new java.util.ArrayList<>();
      try (ResultSet rows = backends.executeQuery()) {
        while (rows.next()) {
          pids.add(rows.getInt(1));
        }
      }
      return pids;
    } catch (SQLException e) {
      return java.util.List.of();
    }
  }

  static String commit() {
    try {
      Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
      String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 ? out : "unknown";
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}

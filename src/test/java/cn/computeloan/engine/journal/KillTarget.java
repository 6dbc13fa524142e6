package cn.computeloan.engine.journal;

import cn.computeloan.engine.api.ActivateJobsCommand;
import cn.computeloan.engine.api.ActivatedJob;
import cn.computeloan.engine.api.CreateInstanceCommand;
import cn.computeloan.engine.api.JobResult;
import cn.computeloan.engine.processing.EmbeddedEngine;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The JVM that {@link EngineKillTest} kills: an engine on a journal database under load from a few
 * threads that create instances and complete jobs, printing each acknowledged command to stdout
 * ({@code CREATED key}, {@code COMPLETED key}) only after the engine answered it.
 */
public final class KillTarget {

  public static void main(String[] args) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(args[0]);
    config.setUsername(args[1]);
    config.setPassword("");
    config.setMaximumPoolSize(4);
    EmbeddedEngine engine = new EmbeddedEngine(Clock.systemUTC(), new JdbcJournal(new HikariDataSource(config)));
    engine.start();
    PrintStream out = System.out;
    for (int t = 0; t < 4; t++) {
      Thread thread = new Thread(() -> load(engine, out));
      thread.start();
    }
  }

  private static void load(EmbeddedEngine engine, PrintStream out) {
    while (true) {
      long pi = engine.createProcessInstance(new CreateInstanceCommand(-1, EngineKillTest.PROCESS, -1, Map.of(),
          List.of(), false, 0, List.of(), "<default>")).join().processInstanceKey();
      synchronized (out) {
        out.println("CREATED " + pi);
        out.flush();
      }
      for (String type : List.of("k1", "k2", "k3")) {
        List<ActivatedJob> jobs = engine.activateJobs(new ActivateJobsCommand(type, "victim", 300_000, 1, 0, List.of(),
            List.of())).join();
        for (ActivatedJob job : jobs) {
          engine.completeJob(job.jobKey(), Map.of(type, true), JobResult.none());
          synchronized (out) {
            out.println("COMPLETED " + job.jobKey());
            out.flush();
          }
        }
      }
    }
  }

  private KillTarget() {}
}

package dev.streamviews.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamviews.fixtures.LocalClusterExtension;
import dev.streamviews.it.Pipeline.CliRun;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A processor behind on its input is not ready, and is ready again as soon as it has caught up, not
 * a metric window later: an orchestrator routes queries to it only while its answers are fresh, and
 * stops holding it back the moment they are.
 */
@ExtendWith({LocalClusterExtension.class, PipelineExtension.class})
class InputLagReadinessIT {
  /** Low, so that the backlog below is well over it on every partition. */
  private static final String READY_MAX_LAG = "-Dstreamviews.processor.ready-max-lag=100";
  /**
   * How soon after its input offsets are committed every processor must be ready. The repartition
   * topics may still hold a few seconds of work then; a lag kept over a 30-second metric window
   * would take 30 to 60 s.
   */
  private static final Duration READY_AFTER_CATCH_UP = Duration.ofSeconds(20);

  private final Pipeline pipeline;

  InputLagReadinessIT(Pipeline pipeline) {
    this.pipeline = pipeline;
  }

  @Test
  void notReadyWhileBehindOnInputAndReadySoonAfterCatchingUp() throws Exception {
    pipeline.stopProcessors();
    try {
      CliRun produce = pipeline.produce("all", "--generate", "30000", "--seed", "4711");
      assertThat(produce.exitCode()).as(produce.err()).isZero();
      pipeline.processors.forEach(processor -> processor.start(READY_MAX_LAG));

      Set<Integer> sawBehind = new HashSet<>();
      Thread watcher = new Thread(() -> watchForLagReports(sawBehind), "readiness-watcher");
      watcher.start();
      pipeline.awaitInputsProcessed(Duration.ofSeconds(180));
      long caughtUpAt = System.nanoTime();
      Set<Integer> ready = new HashSet<>();
      while (ready.size() < Pipeline.PROCESSORS && System.nanoTime() - caughtUpAt < READY_AFTER_CATCH_UP.toNanos()) {
        for (Pipeline.Processor processor : pipeline.processors) {
          if (JavaApp.status(processor.http.resolve("/healthz/readiness")) == 200) {
            ready.add(processor.index);
          }
        }
        Thread.sleep(100);
      }
      watcher.interrupt();
      watcher.join();

      assertThat(sawBehind).as("processors seen not ready because input records wait").isNotEmpty();
      assertThat(ready).as("processors ready within %s of their input being committed", READY_AFTER_CATCH_UP)
          .containsExactlyInAnyOrder(0, 1, 2);
    } finally {
      // Back to the settings every other test runs with.
      pipeline.stopProcessors();
      pipeline.startProcessors(Duration.ofSeconds(120));
    }
  }

  private void watchForLagReports(Set<Integer> sawBehind) {
    while (!Thread.currentThread().isInterrupted()) {
      for (Pipeline.Processor processor : pipeline.processors) {
        try {
          ViewServiceCalls.Answer readiness = ViewServiceCalls.get(processor.http, "/healthz/readiness");
          if (readiness.status() == 503 && readiness.body().path("reason").asText().contains("input records wait")
              && readiness.body().path("inputLag").asLong() > 100) {
            synchronized (sawBehind) {
              sawBehind.add(processor.index);
            }
          }
        } catch (RuntimeException notListeningYet) {
          // starting
        }
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}

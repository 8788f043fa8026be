package dev.streamviews.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamviews.fixtures.LocalClusterExtension;
import dev.streamviews.it.Pipeline.CliRun;
import java.time.Duration;
import org.awaitility.Awaitility;
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
  void notReadyWhileBehindOnInputAndReadySoonAfterCatchingUp() {
    pipeline.stopProcessors();
    try {
      CliRun produce = pipeline.produce("all", "--generate", "30000", "--seed", "4711");
      assertThat(produce.exitCode()).as(produce.err()).isZero();
      pipeline.processors.forEach(processor -> processor.start(READY_MAX_LAG));

      Awaitility.await("a processor not ready because input records wait").atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(50)).until(this::someProcessorReportsInputLag);
      pipeline.awaitInputsProcessed(Duration.ofSeconds(180));
      Awaitility.await("every processor ready within " + READY_AFTER_CATCH_UP + " of its input being committed")
          .atMost(READY_AFTER_CATCH_UP).pollInterval(Duration.ofMillis(100))
          .until(() -> pipeline.allProcessorsAnswer("/healthz/readiness"));
    } finally {
      // Back to the settings every other test runs with.
      pipeline.stopProcessors();
      pipeline.startProcessors(Duration.ofSeconds(120));
    }
  }

  private boolean someProcessorReportsInputLag() {
    for (Pipeline.Processor processor : pipeline.processors) {
      try {
        ViewServiceCalls.Answer readiness = ViewServiceCalls.get(processor.http, "/healthz/readiness");
        if (readiness.status() == 503 && readiness.body().path("reason").asText().contains("input records wait")
            && readiness.body().path("inputLag").asLong() > 100) {
          return true;
        }
      } catch (RuntimeException notListeningYet) {
        // starting
      }
    }
    return false;
  }
}

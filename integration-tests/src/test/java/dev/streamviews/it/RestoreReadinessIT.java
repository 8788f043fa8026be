package dev.streamviews.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamviews.fixtures.LocalClusterExtension;
import dev.streamviews.it.Pipeline.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every processor loses its local state at once (killed, disks wiped, restarted): no caught-up copy
 * is left anywhere, so the instances given active tasks must rebuild their stores from the
 * changelogs. All the while each is live; one restoring is not ready until its stores are restored,
 * and then it is; in the end all are ready.
 *
 * <p>(One instance losing its state alone would not do: its partitions go to the caught-up standbys
 * elsewhere, and it only warms up copies in the background, answering nothing meanwhile.)
 */
@ExtendWith({LocalClusterExtension.class, PipelineExtension.class})
class RestoreReadinessIT {
  private final Pipeline pipeline;

  RestoreReadinessIT(Pipeline pipeline) {
    this.pipeline = pipeline;
  }

  @Test
  void eachProcessorStaysLiveIsNotReadyWhileRestoringAndReadyAfter() throws Exception {
    CliRun produce = pipeline.produce("all", "--generate", "60000", "--seed", "313");
    assertThat(produce.exitCode()).as(produce.err()).isZero();
    pipeline.awaitInputsProcessed(Duration.ofSeconds(180));

    for (Pipeline.Processor processor : pipeline.processors) {
      processor.kill();
      deleteRecursively(processor.stateDir);
    }
    for (Pipeline.Processor processor : pipeline.processors) {
      // Restore in small steps, so that restoring lasts long enough to be seen from outside.
      processor.start("-Dstreamviews.processor.streams.restore.consumer.max.poll.records=20");
    }

    // Which instances restore depends on how the group spreads the tasks as they join (one that joins
    // late may only warm up copies in the background, and take tasks over once they are caught up: it
    // says it is restoring for a moment with nothing left to restore): every one seen restoring must be
    // seen ready after, and at least one must have restored records.
    HealthSamples seen = new HealthSamples();
    Awaitility.await("every processor seen restoring is ready after, and all are ready").atMost(Duration.ofSeconds(240))
        .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
          seen.sample(pipeline.processors);
          assertThat(seen.restoring).as("processors seen not ready while restoring").isNotEmpty();
          assertThat(seen.readyAfterRestoring).as("processors ready after restoring").isEqualTo(seen.restoring);
          assertThat(seen.restoredRecords).as("processors that said they restored records").isNotEmpty();
          assertThat(seen.readyNow).as("processors ready now").containsExactlyInAnyOrder(0, 1, 2);
        });

    assertThat(seen.dead).as("processors seen not live").isEmpty();
    Awaitility.await("view service ready again").atMost(Duration.ofSeconds(60))
        .until(() -> JavaApp.status(pipeline.viewService.resolve("/healthz/readiness")) == 200);
  }

  /** What the processors' health endpoints said, sample after sample. */
  private static final class HealthSamples {
    final Set<Integer> restoring = new HashSet<>();
    final Set<Integer> dead = new HashSet<>();
    final Set<Integer> readyAfterRestoring = new HashSet<>();
    final Set<Integer> readyNow = new HashSet<>();
    final Set<Integer> restoredRecords = new HashSet<>();

    void sample(List<Pipeline.Processor> processors) {
      for (Pipeline.Processor processor : processors) {
        ViewServiceCalls.Answer liveness = answer(processor, "/healthz/liveness");
        ViewServiceCalls.Answer readiness = answer(processor, "/healthz/readiness");
        if (liveness == null || readiness == null) {
          continue; // not listening yet
        }
        if (liveness.status() != 200) {
          dead.add(processor.index);
        }
        if (readiness.status() == 503 && readiness.body().path("reason").asText().contains("restoring")) {
          restoring.add(processor.index);
        }
        if (readiness.status() == 200) {
          readyNow.add(processor.index);
        } else {
          readyNow.remove(processor.index);
        }
        if (readiness.status() == 200 && restoring.contains(processor.index)) {
          readyAfterRestoring.add(processor.index);
        }
        if (readiness.body().path("recordsRestored").asLong() > 0) {
          restoredRecords.add(processor.index);
        }
      }
    }
  }

  private static ViewServiceCalls.Answer answer(Pipeline.Processor processor, String path) {
    try {
      return ViewServiceCalls.get(processor.http, path);
    } catch (RuntimeException notListeningYet) {
      return null;
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}

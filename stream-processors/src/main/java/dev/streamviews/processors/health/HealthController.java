package dev.streamviews.processors.health;

import dev.streamviews.processors.config.ProcessorSettings;
import dev.streamviews.processors.streams.ProcessorStreams;
import dev.streamviews.processors.streams.RestoreProgress;
import dev.streamviews.processors.versions.VersionedStreams;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.Optional;

/**
 * {@code /healthz/liveness} and {@code /healthz/readiness}: 200 when UP, 503 when DOWN, with the
 * evidence. Both judge the serving version of the views; a version being built beside it makes
 * no difference to whether this instance can answer queries.
 */
@Controller("/healthz")
final class HealthController {
  private final VersionedStreams versions;
  private final long readyMaxLag;

  HealthController(VersionedStreams versions, ProcessorSettings settings) {
    this.versions = versions;
    this.readyMaxLag = settings.readyMaxLag();
  }

  @Get("/liveness")
  HttpResponse<HealthReport> liveness() {
    Optional<ProcessorStreams> serving = versions.serving();
    if (serving.isEmpty()) {
      // Still reading the pipeline state is starting up, not death; knowing it and not running it is.
      return versions.knowsState()
          ? answer(down("version " + versions.servingVersion() + " serves but does not run here"))
          : answer(new HealthReport("UP", "", 0, "STARTING", 0, 0, 0, 0));
    }
    return answer(ProcessorHealth.liveness(evidence(serving.get())));
  }

  @Get("/readiness")
  HttpResponse<HealthReport> readiness() {
    Optional<ProcessorStreams> serving = versions.serving();
    if (serving.isEmpty()) {
      return answer(down(versions.knowsState()
          ? "version " + versions.servingVersion() + " serves but does not run here"
          : "reading the pipeline state"));
    }
    return answer(ProcessorHealth.readiness(evidence(serving.get()), readyMaxLag));
  }

  private HealthReport down(String reason) {
    return new HealthReport("DOWN", reason, versions.servingVersion(), "NOT_STARTED", 0, 0, 0, 0);
  }

  private static ProcessorHealth.Evidence evidence(ProcessorStreams streams) {
    RestoreProgress restores = streams.restores();
    return new ProcessorHealth.Evidence(streams.version(), streams.state(), restores.partitionsRestoring(),
        restores.recordsRemaining(), restores.recordsRestored(), streams.inputLag().max());
  }

  private static HttpResponse<HealthReport> answer(HealthReport report) {
    return HttpResponse.status(report.up() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(report);
  }
}

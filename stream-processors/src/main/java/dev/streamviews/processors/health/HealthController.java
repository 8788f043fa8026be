package dev.streamviews.processors.health;

import dev.streamviews.processors.config.ProcessorSettings;
import dev.streamviews.processors.streams.InputLag;
import dev.streamviews.processors.streams.ProcessorStreams;
import dev.streamviews.processors.streams.RestoreProgress;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/** {@code /healthz/liveness} and {@code /healthz/readiness}: 200 when UP, 503 when DOWN, with the evidence. */
@Controller("/healthz")
final class HealthController {
  private final ProcessorStreams streams;
  private final InputLag inputLag;
  private final long readyMaxLag;

  HealthController(ProcessorStreams streams, ProcessorSettings settings) {
    this.streams = streams;
    this.inputLag = new InputLag(streams.streams());
    this.readyMaxLag = settings.readyMaxLag();
  }

  @Get("/liveness")
  HttpResponse<HealthReport> liveness() {
    return answer(ProcessorHealth.liveness(evidence()));
  }

  @Get("/readiness")
  HttpResponse<HealthReport> readiness() {
    return answer(ProcessorHealth.readiness(evidence(), readyMaxLag));
  }

  private ProcessorHealth.Evidence evidence() {
    RestoreProgress restores = streams.restores();
    return new ProcessorHealth.Evidence(streams.state(), restores.partitionsRestoring(), restores.recordsRemaining(),
        restores.recordsRestored(), inputLag.max());
  }

  private static HttpResponse<HealthReport> answer(HealthReport report) {
    return HttpResponse.status(report.up() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(report);
  }
}

package dev.streamviews.processors.health;

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

  HealthController(ProcessorStreams streams) {
    this.streams = streams;
  }

  @Get("/liveness")
  HttpResponse<HealthReport> liveness() {
    RestoreProgress restores = streams.restores();
    return answer(ProcessorHealth.liveness(streams.state(), restores.partitionsRestoring(), restores.recordsRemaining(),
        restores.recordsRestored()));
  }

  @Get("/readiness")
  HttpResponse<HealthReport> readiness() {
    RestoreProgress restores = streams.restores();
    return answer(ProcessorHealth.readiness(streams.state(), restores.partitionsRestoring(), restores.recordsRemaining(),
        restores.recordsRestored()));
  }

  private static HttpResponse<HealthReport> answer(HealthReport report) {
    return HttpResponse.status(report.up() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(report);
  }
}

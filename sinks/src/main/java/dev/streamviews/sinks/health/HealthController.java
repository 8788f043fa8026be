package dev.streamviews.sinks.health;

import dev.streamviews.schemas.topics.View;
import dev.streamviews.schemas.topics.Views;
import dev.streamviews.sinks.routing.CircuitBreakers;
import dev.streamviews.sinks.routing.ClusterLayout;
import dev.streamviews.sinks.routing.ProcessorDirectory;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /healthz}. Live while this process answers HTTP. Ready when it has routing metadata and
 * every partition of every view has a copy (active or standby) on an instance whose circuit
 * breaker is not open: then it can answer queries.
 */
@Controller("/healthz")
final class HealthController {
  private final ProcessorDirectory directory;
  private final CircuitBreakers breakers;

  HealthController(ProcessorDirectory directory, CircuitBreakers breakers) {
    this.directory = directory;
    this.breakers = breakers;
  }

  @Serdeable
  record Report(String status, List<String> problems) {}

  @Get("/liveness")
  Report liveness() {
    return new Report("UP", List.of());
  }

  @Get("/readiness")
  HttpResponse<Report> readiness() {
    List<String> problems = new ArrayList<>();
    if (directory.lastRefreshed().isEmpty()) {
      problems.add("no routing metadata from any processor yet");
    }
    ClusterLayout layout = directory.layout();
    for (View<?> view : Views.all()) {
      List<Integer> orphans = layout.partitionsWithout(view.storeName(), view.topic().partitions(), copy -> !breakers.isOpen(copy));
      if (!orphans.isEmpty()) {
        problems.add(view.name() + " partitions " + orphans + " have no reachable instance to answer");
      }
    }
    Report report = new Report(problems.isEmpty() ? "UP" : "DOWN", problems);
    return HttpResponse.status(problems.isEmpty() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(report);
  }
}

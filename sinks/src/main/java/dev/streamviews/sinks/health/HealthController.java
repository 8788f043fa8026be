package dev.streamviews.sinks.health;

import dev.streamviews.schemas.topics.View;
import dev.streamviews.schemas.topics.Views;
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
 * every partition of every view has an instance to ask: then it can answer queries.
 */
@Controller("/healthz")
final class HealthController {
  private final ProcessorDirectory directory;

  HealthController(ProcessorDirectory directory) {
    this.directory = directory;
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
      List<Integer> orphans = layout.partitionsWithoutActiveOwner(view.storeName(), view.topic().partitions());
      if (!orphans.isEmpty()) {
        problems.add(view.name() + " partitions " + orphans + " have no instance to answer");
      }
    }
    Report report = new Report(problems.isEmpty() ? "UP" : "DOWN", problems);
    return HttpResponse.status(problems.isEmpty() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(report);
  }
}

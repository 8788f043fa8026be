package dev.streamviews.sinks.api;

import dev.streamviews.schemas.topics.View;
import dev.streamviews.schemas.topics.Views;
import dev.streamviews.sinks.config.ViewServiceSettings;
import dev.streamviews.sinks.query.KeyAnswer;
import dev.streamviews.sinks.query.ViewQueryService;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import java.util.List;
import java.util.Optional;

/** {@code /views}: the views, and one key of a view. Maps the query service's answers to HTTP. */
@Controller("/views")
final class ViewsController {
  private final ViewQueryService queries;
  private final ViewServiceSettings settings;

  ViewsController(ViewQueryService queries, ViewServiceSettings settings) {
    this.queries = queries;
    this.settings = settings;
  }

  @Get
  List<ViewDescription> views() {
    return Views.all().stream().map(ViewDescription::of).toList();
  }

  @Get("/{view}/{key}")
  MutableHttpResponse<?> key(@PathVariable("view") String viewName, @PathVariable("key") String key, HttpRequest<?> request) {
    Optional<View<?>> view = Views.byName(viewName);
    if (view.isEmpty()) {
      return Problem.of(HttpStatus.NOT_FOUND, "There is no view '" + viewName + "'; GET /views lists them.", request.getPath())
          .naming("view").response();
    }
    String traceparent = request.getHeaders().get("traceparent", String.class).orElse("");
    KeyAnswer answer = queries.get(view.get(), key, traceparent);
    if (answer instanceof KeyAnswer.Found found) {
      return withFreshness(HttpResponse.ok(new ViewEntry(viewName, key, ValueJson.of(found.value()), found.freshness())), found);
    }
    if (answer instanceof KeyAnswer.NotFound) {
      return Problem.of(HttpStatus.NOT_FOUND, "The view " + viewName + " has no " + view.get().keyName() + " '" + key + "'.",
          request.getPath()).naming("key").response();
    }
    KeyAnswer.Unavailable unavailable = (KeyAnswer.Unavailable) answer;
    return Problem.of(HttpStatus.SERVICE_UNAVAILABLE, "The view cannot answer right now: " + unavailable.reason(), request.getPath())
        .response().header("Retry-After", Long.toString(Math.max(1, settings.retryAfter().toSeconds())));
  }

  private static MutableHttpResponse<?> withFreshness(MutableHttpResponse<?> response, KeyAnswer.Found found) {
    return response
        .header("Streamviews-Served-By", found.freshness().servedBy())
        .header("Streamviews-Stale", Boolean.toString(found.freshness().stale()))
        .header("Streamviews-Lag-Records", Long.toString(found.freshness().lagRecords()));
  }
}

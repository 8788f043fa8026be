package dev.streamviews.sinks.api;

import dev.streamviews.schemas.topics.KeyOrder;
import dev.streamviews.schemas.topics.View;
import dev.streamviews.schemas.topics.ViewShape;
import dev.streamviews.schemas.topics.Views;
import dev.streamviews.sinks.config.ViewServiceSettings;
import dev.streamviews.sinks.query.Freshness;
import dev.streamviews.sinks.query.KeyAnswer;
import dev.streamviews.sinks.query.RangeAnswer;
import dev.streamviews.sinks.query.ViewQueryService;
import dev.streamviews.sinks.query.WindowsAnswer;
import dev.streamviews.sinks.routing.ClusterLayout;
import dev.streamviews.sinks.routing.ProcessorDirectory;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import dev.streamviews.schemas.trace.TraceParent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * {@code /views}: what the views are, one key, a page of keys, and the windows of a key. Checks
 * the request, asks the query service, and maps its answers to HTTP.
 *
 * <p>A key or its windows are asked for without blocking: the request starts an asynchronous call
 * to the processor that holds the key and the answer is written when its reply arrives, so no
 * thread waits on a processor and none is handed the request in between (the query benchmark's
 * profile showed those hand-offs). A page of keys asks several processors and waits for them, on
 * the blocking executor, never on Netty's event loop. Each request joins the caller's trace
 * ({@code traceparent}), or starts one, and answers with its own span of it; the trace id is in the
 * log lines written while answering.
 */
@Controller("/views")
final class ViewsController {
  /** One line per request, with its trace id; the logger streamviews.access turns it off. */
  private static final Logger ACCESS = LoggerFactory.getLogger("streamviews.access");
  /** Windows from the start of time to its end, unless the request narrows them. */
  private static final Instant EARLIEST = Instant.EPOCH;
  private static final Instant LATEST = Instant.ofEpochMilli(Long.MAX_VALUE);

  private final ViewQueryService queries;
  private final ViewServiceSettings settings;
  private final ProcessorDirectory directory;

  ViewsController(ViewQueryService queries, ViewServiceSettings settings, ProcessorDirectory directory) {
    this.queries = queries;
    this.settings = settings;
    this.directory = directory;
  }

  @Get
  ViewCatalogue views() {
    ClusterLayout layout = directory.layout();
    int version = layout.version();
    return new ViewCatalogue(version == 0 ? null : version, layout.applicationId().isEmpty() ? null : layout.applicationId(),
        layout.buildingVersion() == 0 ? null : layout.buildingVersion(),
        Views.all().stream().map(view -> ViewDescription.of(view, version)).toList());
  }

  @Get("/{view}/{key}")
  CompletableFuture<MutableHttpResponse<?>> key(@PathVariable("view") String viewName, @PathVariable("key") String key,
      HttpRequest<?> request) {
    return traced(request, span -> {
      View<?> view = view(viewName, ViewShape.KEY_VALUE, "GET /views/" + viewName + "/{key}/windows");
      return queries.get(view, key, span.toString()).thenApply(answer -> {
        if (answer instanceof KeyAnswer.Found found) {
          return withFreshness(HttpResponse.ok(new ViewEntry(viewName, key, ValueJson.of(found.value()), found.freshness())),
              found.freshness());
        }
        if (answer instanceof KeyAnswer.NotFound notFound) {
          return withFreshness(Problem.of(HttpStatus.NOT_FOUND, "The view " + viewName + " has no " + view.keyName() + " '" + key + "'.",
              request.getPath()).naming("key").response(), notFound.freshness());
        }
        return unavailable(((KeyAnswer.Unavailable) answer).reason(), request);
      });
    });
  }

  @Get("/{view}")
  @ExecuteOn(TaskExecutors.BLOCKING)
  CompletableFuture<MutableHttpResponse<?>> range(@PathVariable("view") String viewName, @Nullable @QueryValue("from") String from,
      @Nullable @QueryValue("to") String to, @Nullable @QueryValue("limit") String limitText,
      @Nullable @QueryValue("cursor") String cursorText, HttpRequest<?> request) {
    return traced(request, span -> CompletableFuture.completedFuture(range(viewName, from, to, limitText, cursorText, span, request)));
  }

  private MutableHttpResponse<?> range(String viewName, String from, String to, String limitText, String cursorText,
      TraceParent span, HttpRequest<?> request) {
    View<?> view = view(viewName, ViewShape.KEY_VALUE, "GET /views/" + viewName + "/{key}/windows");
    int limit = QueryParameters.limit(limitText);
    Cursor cursor = cursorText == null || cursorText.isBlank() ? null : Cursor.decode(cursorText);
    if (cursor != null) {
      if (!cursor.view().equals(viewName)) {
        throw new BadParameter("cursor", "cursor belongs to a page of " + cursor.view() + ", not of " + viewName);
      }
      if ((from != null && !from.equals(cursor.from())) || (to != null && !to.equals(cursor.to()))) {
        throw new BadParameter("cursor", "cursor belongs to another range; repeat its from and to, or leave them out");
      }
      from = cursor.from();
      to = cursor.to();
    } else if (from != null && to != null && KeyOrder.UTF8.compare(from, to) > 0) {
      throw new BadParameter("from", "from ('" + from + "') comes after to ('" + to + "') in key order");
    }
    RangeAnswer answer = queries.range(view, from, to, cursor == null ? null : cursor.after(), limit, span.toString());
    if (answer instanceof RangeAnswer.Unavailable unavailable) {
      return unavailable(unavailable.reason(), request);
    }
    RangeAnswer.Page page = (RangeAnswer.Page) answer;
    List<RangePage.Item> items = page.items().stream().map(item -> new RangePage.Item(item.key(), ValueJson.of(item.value()))).toList();
    String next = null;
    String nextCursor = null;
    if (page.more() && !items.isEmpty()) {
      nextCursor = new Cursor(viewName, from, to, items.get(items.size() - 1).key()).encode();
      next = "/views/" + viewName + "?limit=" + limit + "&cursor=" + URLEncoder.encode(nextCursor, StandardCharsets.UTF_8);
    }
    return HttpResponse.ok(new RangePage(viewName, items, nextCursor, next, page.freshness()))
        .header("Streamviews-Stale", Boolean.toString(page.freshness().stream().anyMatch(Freshness::stale)));
  }

  @Get("/{view}/{key}/windows")
  CompletableFuture<MutableHttpResponse<?>> windows(@PathVariable("view") String viewName, @PathVariable("key") String key,
      @Nullable @QueryValue("from") String fromText, @Nullable @QueryValue("to") String toText, HttpRequest<?> request) {
    return traced(request, span -> windows(viewName, key, fromText, toText, span, request));
  }

  private CompletableFuture<MutableHttpResponse<?>> windows(String viewName, String key, String fromText, String toText,
      TraceParent span, HttpRequest<?> request) {
    View<?> view = view(viewName, ViewShape.WINDOWED, "GET /views/" + viewName + "/{key}");
    Instant from = QueryParameters.time("from", fromText, EARLIEST);
    Instant to = QueryParameters.time("to", toText, LATEST);
    if (from.isAfter(to)) {
      throw new BadParameter("from", "from (" + from + ") is after to (" + to + ")");
    }
    return queries.windows(view, key, from, to, span.toString()).thenApply(answer -> {
      if (answer instanceof WindowsAnswer.Unavailable unavailable) {
        return unavailable(unavailable.reason(), request);
      }
      WindowsAnswer.Windows windows = (WindowsAnswer.Windows) answer;
      return withFreshness(HttpResponse.ok(new WindowsPage(viewName, key, from.toString(), to.toString(),
          windows.values().stream().map(ValueJson::of).toList(), windows.freshness())), windows.freshness());
    });
  }

  @Error(exception = TracedRefusal.class)
  MutableHttpResponse<Problem> refused(HttpRequest<?> request, TracedRefusal refusal) {
    MutableHttpResponse<Problem> response = refusal.getCause() instanceof BadParameter bad
        ? Problem.of(HttpStatus.BAD_REQUEST, bad.getMessage(), request.getPath()).naming(bad.parameter).response()
        : Problem.of(HttpStatus.NOT_FOUND, refusal.getCause().getMessage(), request.getPath()).naming("view").response();
    return response.header(TraceParent.HEADER, refusal.span.toString());
  }

  /** A refusal of the request, carrying the span it was answered in. */
  static final class TracedRefusal extends RuntimeException {
    final transient TraceParent span;

    TracedRefusal(RuntimeException refusal, TraceParent span) {
      super(refusal.getMessage(), refusal);
      this.span = span;
    }
  }

  /** The view of that name and shape; 404 if there is none, 400 if it has the other shape. */
  private static View<?> view(String name, ViewShape shape, String instead) {
    View<?> view = Views.byName(name).orElseThrow(() -> new UnknownView("There is no view '" + name + "'; GET /views lists them."));
    if (view.shape() != shape) {
      throw new BadParameter("view", name + " is a " + view.shape().name().toLowerCase().replace('_', '-')
          + " view: ask " + instead + " instead");
    }
    return view;
  }

  private MutableHttpResponse<?> unavailable(String reason, HttpRequest<?> request) {
    return Problem.of(HttpStatus.SERVICE_UNAVAILABLE, "The view cannot answer right now: " + reason, request.getPath())
        .response().header("Retry-After", Long.toString(Math.max(1, settings.retryAfter().toSeconds())));
  }

  /**
   * Answers within the caller's trace: a child span of its traceparent, or a new trace; the span
   * goes to the processors, into the logs (MDC traceId, on whichever thread writes them) and back
   * in the response's traceparent. A refusal of the request is thrown at once, before anything is asked.
   */
  private static CompletableFuture<MutableHttpResponse<?>> traced(HttpRequest<?> request,
      Function<TraceParent, CompletableFuture<MutableHttpResponse<?>>> answer) {
    TraceParent span = TraceParent.parse(request.getHeaders().get(TraceParent.HEADER)).map(TraceParent::child)
        .orElseGet(TraceParent::start);
    long started = System.nanoTime();
    CompletableFuture<MutableHttpResponse<?>> answered;
    MDC.put("traceId", span.traceId());
    try {
      answered = answer.apply(span);
    } catch (BadParameter refused) {
      logAccess(request, span, 400, started);
      throw new TracedRefusal(refused, span);
    } catch (UnknownView refused) {
      logAccess(request, span, 404, started);
      throw new TracedRefusal(refused, span);
    } catch (RuntimeException fault) {
      logAccess(request, span, 500, started);
      throw fault;
    } finally {
      MDC.remove("traceId");
    }
    return answered.whenComplete((response, fault) -> logAccess(request, span, fault == null ? response.code() : 500, started))
        .thenApply(response -> response.header(TraceParent.HEADER, span.toString()));
  }

  /** One line per request, with its trace id. */
  private static void logAccess(HttpRequest<?> request, TraceParent span, int status, long startedNanos) {
    MDC.put("traceId", span.traceId());
    try {
      ACCESS.info("{} {} {} {} ms", request.getMethodName(), request.getUri(), status, (System.nanoTime() - startedNanos) / 1_000_000);
    } finally {
      MDC.remove("traceId");
    }
  }

  private static MutableHttpResponse<?> withFreshness(MutableHttpResponse<?> response, Freshness freshness) {
    return response
        .header("Streamviews-Served-By", freshness.servedBy())
        .header("Streamviews-Stale", Boolean.toString(freshness.stale()))
        .header("Streamviews-Lag-Records", Long.toString(freshness.lagRecords()));
  }

  /** No view of that name: 404. */
  static final class UnknownView extends RuntimeException {
    UnknownView(String message) {
      super(message);
    }
  }
}

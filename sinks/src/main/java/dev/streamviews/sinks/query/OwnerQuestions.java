package dev.streamviews.sinks.query;

import dev.streamviews.query.v1.Outcome;
import dev.streamviews.schemas.topics.KeyPartitioner;
import dev.streamviews.schemas.topics.View;
import dev.streamviews.schemas.trace.TraceParent;
import dev.streamviews.sinks.config.ViewServiceSettings;
import dev.streamviews.sinks.routing.CircuitBreakers;
import dev.streamviews.sinks.routing.ClusterLayout;
import dev.streamviews.sinks.routing.Deadline;
import dev.streamviews.sinks.routing.Endpoint;
import dev.streamviews.sinks.routing.ProcessorDirectory;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One question about one key, asked of the processor instances that hold copies of its partition,
 * freshest first, without blocking a thread: each call starts when the one before has come back,
 * on gRPC's network thread. The key lookups of {@link ViewQueryService} go through here.
 */
final class OwnerQuestions {
  private static final Logger log = LoggerFactory.getLogger(OwnerQuestions.class);

  private final ProcessorDirectory directory;
  private final CircuitBreakers breakers;
  private final ViewServiceSettings settings;
  private final ServingVersions versions;

  OwnerQuestions(ProcessorDirectory directory, CircuitBreakers breakers, ViewServiceSettings settings, ServingVersions versions) {
    this.directory = directory;
    this.breakers = breakers;
    this.settings = settings;
    this.versions = versions;
  }

  /** The owner's reply and who gave it, or why nobody could answer. */
  record Asked<R>(R reply, Endpoint servedBy, String why) {}

  /**
   * One question to one copy, about the given version of the views, answered within {@code timeout}:
   * its reply, or a {@link StatusRuntimeException} when the copy did not answer.
   */
  @FunctionalInterface
  interface Question<R> {
    CompletableFuture<R> ask(Endpoint copy, Duration timeout, int version);
  }

  /**
   * Asks the copies of the key's partition in order of freshness, skipping instances whose breaker
   * is open, until one answers for the key or the request's deadline passes. If nobody could answer
   * and a copy said a newer version of the views serves (a rebuild just switched over), the
   * metadata is refreshed and the newer version asked at once. If a copy was reached but could not
   * answer now (its task is moving to another instance or restoring, which a rebalance makes
   * happen for a moment), the copies are asked again after a pause ({@link Pauses}), from fresh
   * metadata, for as long as a 503 would tell the caller to wait before asking again (Retry-After)
   * and the deadline allows: a query that arrives during a task move waits for it, and one whose
   * copy stays unready is told so no later than a caller following Retry-After would ask again. If
   * no copy could be reached at all, there is no use waiting, and the answer is at once that
   * nobody could answer. One call at a time, each started when the one before has come back: no
   * thread waits in between.
   */
  <R> CompletableFuture<Asked<R>> ask(View<?> view, String key, Question<R> question, Function<R, Outcome> outcomeOf,
      Function<R, String> detailOf, ToIntFunction<R> servingVersionOf, String traceparent) {
    Deadline deadline = Deadline.after(settings.requestTimeout());
    String traceId = TraceParent.parse(traceparent).map(TraceParent::traceId).orElse("");
    Round<R> round = layout -> new Asking<>(view, key, question, outcomeOf, detailOf, servingVersionOf, deadline, layout, traceId);
    return askAgainWhileWorthIt(round, round.start(directory.layout()), deadline, new Pauses(settings), false);
  }

  /** One round of asking, on the given layout. */
  @FunctionalInterface
  private interface Round<R> {
    Asking<R> start(ClusterLayout layout);
  }

  private <R> CompletableFuture<Asked<R>> askAgainWhileWorthIt(Round<R> round, Asking<R> asking, Deadline deadline, Pauses pauses,
      boolean versionRetried) {
    return asking.next().thenCompose(asked -> {
      if (asked.why() == null || deadline.expired()) {
        return CompletableFuture.completedFuture(asked);
      }
      if (!versionRetried && versions.newerThan(directory.layout())) {
        return directory.refreshInBackground().thenCompose(refreshed -> refreshed
            ? askAgainWhileWorthIt(round, round.start(directory.layout()), deadline, pauses, true)
            : CompletableFuture.completedFuture(asked));
      }
      Optional<Duration> pause = asking.reachedACopy() ? pauses.next(deadline) : Optional.empty();
      if (pause.isEmpty()) {
        return CompletableFuture.completedFuture(asked);
      }
      directory.refreshSoon(); // the copies may have moved: the next round asks where they are now
      Executor afterPause = CompletableFuture.delayedExecutor(pause.get().toNanos(), TimeUnit.NANOSECONDS);
      return CompletableFuture.supplyAsync(directory::layout, afterPause)
          .thenCompose(layout -> askAgainWhileWorthIt(round, round.start(layout), deadline, pauses, versionRetried));
    });
  }

  /** One round of asking the copies of a key's partition, as laid out in one version of the metadata. */
  private final class Asking<R> {
    private final View<?> view;
    private final String key;
    private final Question<R> question;
    private final Function<R, Outcome> outcomeOf;
    private final Function<R, String> detailOf;
    private final ToIntFunction<R> servingVersionOf;
    private final Deadline deadline;
    private final ClusterLayout layout;
    /** For the log lines written while asking, which run on gRPC's threads rather than the request's. */
    private final String traceId;
    private final Iterator<Endpoint> copies;
    private String why;
    /** Whether a copy replied, though not with the answer: it is there, and may be able to answer soon. */
    private boolean reachedACopy;

    Asking(View<?> view, String key, Question<R> question, Function<R, Outcome> outcomeOf, Function<R, String> detailOf,
        ToIntFunction<R> servingVersionOf, Deadline deadline, ClusterLayout layout, String traceId) {
      this.view = view;
      this.key = key;
      this.question = question;
      this.outcomeOf = outcomeOf;
      this.detailOf = detailOf;
      this.servingVersionOf = servingVersionOf;
      this.deadline = deadline;
      this.layout = layout;
      this.traceId = traceId;
      int partition = KeyPartitioner.partitionOf(key, view.topic().partitions());
      this.copies = layout.owners(view.storeName(), partition).inOrderOfFreshness().iterator();
      this.why = "no reachable copy of partition " + partition + " of " + view.name();
    }

    boolean reachedACopy() {
      return reachedACopy;
    }

    /** Asks the next copy that may be called, or gives up saying why. */
    CompletableFuture<Asked<R>> next() {
      Endpoint copy = breakers.firstCallable(copies);
      if (copy == null || deadline.expired()) {
        if (deadline.expired()) {
          why = "no answer within " + settings.requestTimeout().toMillis() + " ms (" + why + ")";
        }
        directory.refreshSoon();
        return CompletableFuture.completedFuture(new Asked<>(null, null, why));
      }
      return question.ask(copy, deadline.forCall(settings.queryTimeout()), layout.version())
          .handle((reply, error) -> error == null ? answered(copy, reply) : failed(copy, error))
          .thenCompose(Function.identity());
    }

    private CompletableFuture<Asked<R>> answered(Endpoint copy, R reply) {
      breakers.of(copy).succeeded();
      versions.notice(servingVersionOf.applyAsInt(reply));
      Outcome outcome = outcomeOf.apply(reply);
      if (outcome == Outcome.FOUND || outcome == Outcome.NOT_FOUND) {
        return CompletableFuture.completedFuture(new Asked<>(reply, copy, null));
      }
      if (outcome == Outcome.NOT_HOSTED) {
        directory.refreshSoon();
      }
      reachedACopy = true;
      why = copy + " cannot answer now: " + detailOf.apply(reply);
      return next();
    }

    private CompletableFuture<Asked<R>> failed(Endpoint copy, Throwable error) {
      if (!(error instanceof StatusRuntimeException)) {
        return CompletableFuture.failedFuture(error); // not the copy failing: a fault of ours, answered as one
      }
      breakers.of(copy).failed();
      directory.refreshSoon();
      Status status = Status.fromThrowable(error);
      why = copy + " did not answer: " + status.getCode();
      MDC.put("traceId", traceId);
      try {
        log.warn("Asking {} about {} {} failed: {}", copy, view.name(), key, status);
      } finally {
        MDC.remove("traceId");
      }
      return next();
    }
  }
}

package dev.streamviews.sinks.query;

import dev.streamviews.query.v1.KeyReply;
import dev.streamviews.query.v1.KeyRequest;
import dev.streamviews.query.v1.KeysReply;
import dev.streamviews.query.v1.KeysRequest;
import dev.streamviews.sinks.routing.Endpoint;
import dev.streamviews.sinks.routing.QueryChannels;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Key lookups to the processor instances, sent together. While calls to an instance are under way,
 * the lookups for it wait, and go out as one GetKeys call when one of those comes back; when nothing
 * waits, a lookup goes out at once. Under load a gRPC call costs the view service and the processor
 * far more CPU than the store read it carries (docs/BENCHMARKS.md, C), so this cuts the cost of a
 * lookup on both sides without holding any lookup back on a timer.
 *
 * <p>Each lookup keeps its own timeout, counted from when it was asked, time spent waiting
 * included: when it passes, that lookup fails with DEADLINE_EXCEEDED as a call of its own would,
 * and the call it travels in goes on for the others. A failed call fails every lookup it carried,
 * each with the call's status, so the caller's breakers and fallbacks work as with one call per
 * lookup. An instance that does not know GetKeys (UNIMPLEMENTED: a processor from before it) is
 * asked with GetKey, key by key, from then on.
 */
final class KeyLookupCalls implements AutoCloseable {
  /**
   * Calls to one instance under way at once. One would batch the most, but a lookup would then wait
   * for the whole round trip of the call before it; two let one call go out while the other's
   * answers are being written back.
   */
  private static final int CALLS_IN_FLIGHT = 2;
  private static final int MAX_KEYS_PER_CALL = 256;

  private final QueryChannels channels;
  private final Map<Endpoint, Lane> lanes = new ConcurrentHashMap<>();
  private final ScheduledThreadPoolExecutor timeouts = new ScheduledThreadPoolExecutor(1, runnable -> {
    Thread thread = new Thread(runnable, "key-lookup-timeouts");
    thread.setDaemon(true);
    return thread;
  });

  KeyLookupCalls(QueryChannels channels) {
    this.channels = channels;
    // Nearly every timer is cancelled, by its lookup's answer: take it out of the queue then.
    timeouts.setRemoveOnCancelPolicy(true);
  }

  /** The instance's reply for the key, or a {@link StatusRuntimeException} when the call failed or the timeout passed. */
  CompletableFuture<KeyReply> get(Endpoint copy, KeyRequest request, Duration timeout) {
    Lookup lookup = new Lookup(request, System.nanoTime() + timeout.toNanos());
    ScheduledFuture<?> timer = timeouts.schedule(() -> lookup.reply.completeExceptionally(Status.DEADLINE_EXCEEDED
        .withDescription("no answer within " + timeout.toMillis() + " ms").asRuntimeException()), timeout.toNanos(), TimeUnit.NANOSECONDS);
    lookup.reply.whenComplete((reply, error) -> timer.cancel(false));
    lanes.computeIfAbsent(copy, Lane::new).add(lookup);
    return lookup.reply;
  }

  @Override
  public void close() {
    timeouts.shutdownNow();
  }

  /** One key asked of one instance: the question, when it stops waiting, and its answer to come. */
  private record Lookup(KeyRequest request, long deadlineNanos, CompletableFuture<KeyReply> reply) {
    Lookup(KeyRequest request, long deadlineNanos) {
      this(request, deadlineNanos, new CompletableFuture<>());
    }
  }

  /** The lookups for one instance that wait, and how many calls to it are under way. */
  private final class Lane {
    private final Endpoint endpoint;
    private final ArrayDeque<Lookup> waiting = new ArrayDeque<>();
    private int inFlight;
    /** Set once the instance said it does not know GetKeys. */
    private boolean keyByKey;

    Lane(Endpoint endpoint) {
      this.endpoint = endpoint;
    }

    void add(Lookup lookup) {
      boolean alone;
      List<Lookup> call = null;
      synchronized (this) {
        alone = keyByKey;
        if (!alone) {
          waiting.add(lookup);
          call = inFlight < CALLS_IN_FLIGHT ? nextCall() : null;
        }
      }
      if (alone) {
        askAlone(lookup);
      } else if (call != null) {
        send(call);
      }
    }

    /** The lookups for the next call, at most {@link #MAX_KEYS_PER_CALL}, skipping those already over; null if none wait. */
    private List<Lookup> nextCall() {
      List<Lookup> call = new ArrayList<>(Math.min(waiting.size(), MAX_KEYS_PER_CALL));
      while (!waiting.isEmpty() && call.size() < MAX_KEYS_PER_CALL) {
        Lookup lookup = waiting.poll();
        if (!lookup.reply().isDone()) {
          call.add(lookup);
        }
      }
      if (call.isEmpty()) {
        return null;
      }
      inFlight++;
      return call;
    }

    private void send(List<Lookup> call) {
      KeysRequest.Builder request = KeysRequest.newBuilder();
      long deadline = Long.MIN_VALUE;
      for (Lookup lookup : call) {
        request.addKeys(lookup.request());
        deadline = Math.max(deadline, lookup.deadlineNanos());
      }
      // The latest of its lookups' deadlines: a lookup whose own passes sooner is failed by its timer.
      Duration timeout = Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
      UnaryCall.<KeysReply>start(observer -> channels.asyncStub(endpoint, timeout).getKeys(request.build(), observer))
          .whenComplete((reply, error) -> {
            // The next call first, so the instance works on it while these answers are written back.
            List<Lookup> next;
            synchronized (this) {
              inFlight--;
              next = keyByKey ? null : nextCall();
            }
            if (next != null) {
              send(next);
            }
            answer(call, reply, error);
          });
    }

    private void answer(List<Lookup> call, KeysReply reply, Throwable error) {
      if (error instanceof StatusRuntimeException status && status.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        goKeyByKey();
        call.forEach(this::askAlone);
        return;
      }
      if (error == null && reply.getRepliesCount() != call.size()) {
        error = Status.INTERNAL.withDescription(endpoint + " answered " + reply.getRepliesCount() + " of " + call.size() + " keys")
            .asRuntimeException();
      }
      for (int i = 0; i < call.size(); i++) {
        if (error == null) {
          call.get(i).reply().complete(reply.getReplies(i));
        } else {
          call.get(i).reply().completeExceptionally(error);
        }
      }
    }

    /** From now on one GetKey per lookup, those waiting included. */
    private void goKeyByKey() {
      List<Lookup> left;
      synchronized (this) {
        keyByKey = true;
        left = new ArrayList<>(waiting);
        waiting.clear();
      }
      left.forEach(this::askAlone);
    }

    private void askAlone(Lookup lookup) {
      long left = lookup.deadlineNanos() - System.nanoTime();
      if (lookup.reply().isDone() || left <= 0) {
        return; // its timer has answered it, or is about to
      }
      UnaryCall.<KeyReply>start(observer -> channels.asyncStub(endpoint, Duration.ofNanos(left)).getKey(lookup.request(), observer))
          .whenComplete((reply, error) -> {
            if (error == null) {
              lookup.reply().complete(reply);
            } else {
              lookup.reply().completeExceptionally(error);
            }
          });
    }
  }
}

package dev.streamviews.checker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamviews.schemas.late.LateOrderLine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Compares what the view service serves with the independently computed expectation: every key of
 * every view (and every window of the windowed one), and, by paging through each key-value view,
 * that it serves no key it should not have. A pipeline still catching up is given until
 * {@code patience} runs out: what does not match yet is asked again, the rest is done.
 */
public final class ViewChecker {
  private static final int PAGE = 1000;
  /**
   * Keys asked at once. A check asks for every key of every view, tens of thousands after a few
   * test runs on one cluster; one at a time, each waits out a whole round trip through the view
   * service and a processor. A few at a time keep both busy without loading them much more than one
   * user paging through the views would.
   */
  private static final int IN_FLIGHT = 8;

  private final ViewServiceClient views;

  public ViewChecker(ViewServiceClient views) {
    this.views = views;
  }

  /**
   * @param lateLines the lines the pipeline reported late so far (read again each round: they are
   *     not in the windowed view by design)
   */
  public CheckReport check(InputFacts facts, Supplier<List<LateOrderLine>> lateLines, Duration patience) {
    return check(() -> ExpectedViews.of(facts, lateLines.get()), patience);
  }

  /** @param expectedViews what the views should hold, worked out again for each round */
  CheckReport check(Supplier<List<ExpectedView>> expectedViews, Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    Map<String, String> pending = null; // view/key -> why it does not match yet; null before the first round
    int keys;
    ExecutorService askers = Executors.newFixedThreadPool(IN_FLIGHT, runnable -> {
      Thread thread = new Thread(runnable, "view-checker");
      thread.setDaemon(true);
      return thread;
    });
    try {
      while (true) {
        long roundStart = System.nanoTime();
        List<ExpectedView> expected = expectedViews.get();
        keys = expected.stream().mapToInt(ExpectedView::keys).sum();
        Map<String, String> mismatches = new LinkedHashMap<>();
        for (ExpectedView view : expected) {
          checkView(view, pending, mismatches, askers);
        }
        pending = mismatches;
        // A round reads what the views should hold when it starts, and asks its keys one after the
        // other: a long one asks its last keys well after. So the check ends only after a round that
        // began once patience had run out: a key found wrong against expectations read in time gets
        // one more look against expectations read after.
        if (pending.isEmpty() || roundStart - deadline >= 0) {
          break;
        }
        pause();
      }
    } finally {
      askers.shutdownNow();
    }
    List<String> report = new ArrayList<>();
    pending.forEach((key, why) -> report.add(key + ": " + why));
    return new CheckReport(keys, report);
  }

  /**
   * Checks the keys still pending (all of them the first time), {@link #IN_FLIGHT} at a time, and
   * reports them in the view's key order; lists the view's keys once its values all match.
   */
  private void checkView(ExpectedView view, Map<String, String> pending, Map<String, String> mismatches, ExecutorService askers) {
    Set<String> keys = view.windowed() ? view.windows().keySet() : view.values().keySet();
    int before = mismatches.size();
    Map<String, Future<List<String>>> asked = new LinkedHashMap<>();
    for (String key : keys) {
      String id = view.name() + "/" + key;
      if (pending == null || pending.containsKey(id)) {
        asked.put(id, askers.submit(() -> view.windowed() ? windows(view, key) : value(view, key)));
      }
    }
    for (Map.Entry<String, Future<List<String>>> key : asked.entrySet()) {
      List<String> differences = answer(key.getValue());
      if (!differences.isEmpty()) {
        mismatches.put(key.getKey(), String.join(", ", differences));
      }
    }
    if (!view.windowed() && mismatches.size() == before) {
      for (String extra : servedButNotExpected(view)) {
        mismatches.put(view.name() + "/" + extra, "served, but no event gives it");
      }
    }
  }

  /** What one key's question found; a view service that cannot be reached fails the check as it would one key at a time. */
  private static List<String> answer(Future<List<String>> asked) {
    try {
      return asked.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private List<String> value(ExpectedView view, String key) {
    ViewServiceClient.Answer answer = views.get(view.name(), key);
    if (answer.status() != 200) {
      return List.of("expected a value, got HTTP " + answer.status() + " " + answer.body().path("detail").asText(""));
    }
    return FieldComparison.differences(view.values().get(key), answer.body().path("value"));
  }

  private List<String> windows(ExpectedView view, String key) {
    ViewServiceClient.Answer answer = views.windows(view.name(), key);
    if (answer.status() != 200) {
      return List.of("expected windows, got HTTP " + answer.status() + " " + answer.body().path("detail").asText(""));
    }
    return FieldComparison.windowDifferences(view.windows().get(key), answer.body().path("windows"));
  }

  /** Pages through the whole view; every key it serves must be expected, and come once. */
  private List<String> servedButNotExpected(ExpectedView view) {
    List<String> extra = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String cursor = null;
    do {
      ViewServiceClient.Answer page = views.page(view.name(), PAGE, cursor);
      if (page.status() != 200) {
        extra.add("(listing failed: HTTP " + page.status() + ")");
        return extra;
      }
      for (JsonNode item : page.body().path("items")) {
        String key = item.path("key").asText();
        if (!seen.add(key)) {
          extra.add(key + " (listed twice)");
        } else if (!view.values().containsKey(key)) {
          extra.add(key);
        }
      }
      cursor = page.body().path("cursor").isTextual() ? page.body().path("cursor").asText() : null;
    } while (cursor != null);
    return extra;
  }

  private static void pause() {
    try {
      Thread.sleep(500); // between rounds of a pipeline catching up; bounded by the deadline above
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package dev.streamviews.checker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamviews.schemas.late.LateOrderLine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
 * every view (and every window of the windowed one). A key-value view is read whole by paging
 * through it, which also shows that it serves no key it should not have, and a share of its keys is
 * asked one by one as well, each of those routed to the instance that holds it (every key with
 * {@code everyKeyByLookup}). A pipeline still catching up is given until {@code patience} runs out:
 * what does not match yet is asked again, the rest is done.
 */
public final class ViewChecker {
  private static final int PAGE = 1000;
  /**
   * Keys asked at once. One at a time, each waits out a whole round trip through the view service
   * and a processor. A few at a time keep both busy without loading them much more than one user
   * paging through the views would.
   */
  private static final int IN_FLIGHT = 8;
  /**
   * Keys of a key-value view asked one by one besides the pages, spread evenly over its keys. Every
   * value is compared from the pages already; the lookups show that a key is routed to the instance
   * holding it, and a routing fault misroutes whole partitions, which a few hundred keys spread over
   * the view find. Asking every key of tens of thousands took most of a check's time: in one CI run,
   * 330-630 lookups a second by the view services' access logs, 5.5 of ResetIT's 9 minutes.
   */
  public static final int SAMPLED_LOOKUPS = 400;

  private final ViewServiceClient views;
  private final boolean everyKeyByLookup;
  private final int sampledLookups;

  /** Pages through each key-value view and asks a sample of its keys by lookup. */
  public ViewChecker(ViewServiceClient views) {
    this(views, false);
  }

  /** @param everyKeyByLookup ask every key by its own lookup too, not a sample */
  public ViewChecker(ViewServiceClient views, boolean everyKeyByLookup) {
    this(views, everyKeyByLookup, SAMPLED_LOOKUPS);
  }

  ViewChecker(ViewServiceClient views, boolean everyKeyByLookup, int sampledLookups) {
    this.views = views;
    this.everyKeyByLookup = everyKeyByLookup;
    this.sampledLookups = sampledLookups;
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
   * Checks the keys still pending (all of them the first time), {@link #IN_FLIGHT} lookups at a
   * time, and reports them in the view's key order.
   */
  private void checkView(ExpectedView view, Map<String, String> pending, Map<String, String> mismatches, ExecutorService askers) {
    if (view.windowed()) {
      Map<String, Future<List<String>>> asked = new LinkedHashMap<>();
      for (String key : view.windows().keySet()) {
        if (isPending(view, key, pending)) {
          asked.put(key, askers.submit(() -> windows(view, key)));
        }
      }
      asked.forEach((key, answer) -> report(view, key, answer(answer), mismatches));
      return;
    }
    Listing listing = list(view);
    Set<String> lookedUp = lookedUp(view);
    Map<String, Future<List<String>>> asked = new LinkedHashMap<>();
    for (String key : view.values().keySet()) {
      if (lookedUp.contains(key) && isPending(view, key, pending)) {
        asked.put(key, askers.submit(() -> value(view, key)));
      }
    }
    for (String key : view.values().keySet()) {
      if (!isPending(view, key, pending)) {
        continue;
      }
      List<String> differences = new ArrayList<>(listing.differences(view, key));
      Future<List<String>> answer = asked.get(key);
      if (answer != null) {
        answer(answer).forEach(difference -> differences.add("asked by key: " + difference));
      }
      report(view, key, differences, mismatches);
    }
    listing.unexpected.forEach((key, why) -> mismatches.put(view.name() + "/" + key, why));
  }

  private static boolean isPending(ExpectedView view, String key, Map<String, String> pending) {
    return pending == null || pending.containsKey(view.name() + "/" + key);
  }

  private static void report(ExpectedView view, String key, List<String> differences, Map<String, String> mismatches) {
    if (!differences.isEmpty()) {
      mismatches.put(view.name() + "/" + key, String.join(", ", differences));
    }
  }

  /** The keys asked by lookup: every key, or {@code sampledLookups} of them evenly spread over the view's. */
  private Set<String> lookedUp(ExpectedView view) {
    int keys = view.values().size();
    if (everyKeyByLookup || keys <= sampledLookups) {
      return view.values().keySet();
    }
    Set<String> sample = new HashSet<>();
    double stride = keys / (double) sampledLookups;
    double next = 0;
    int index = 0;
    for (String key : view.values().keySet()) {
      if (index++ >= next) {
        sample.add(key);
        next += stride;
      }
    }
    return sample;
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

  /** A whole key-value view as its pages served it, and what it served that it should not have. */
  private record Listing(Map<String, JsonNode> values, Map<String, String> unexpected, String failure) {
    List<String> differences(ExpectedView view, String key) {
      if (failure != null) {
        return List.of(failure);
      }
      JsonNode served = values.get(key);
      return served == null ? List.of("expected a value, but the view's pages do not list the key")
          : FieldComparison.differences(view.values().get(key), served);
    }
  }

  /** Pages through the whole view; every key it serves must be expected, and come once. */
  private Listing list(ExpectedView view) {
    Map<String, JsonNode> values = new HashMap<>();
    Map<String, String> unexpected = new LinkedHashMap<>();
    String cursor = null;
    do {
      ViewServiceClient.Answer page = views.page(view.name(), PAGE, cursor);
      if (page.status() != 200) {
        return new Listing(values, unexpected, "listing the view failed: HTTP " + page.status() + " "
            + page.body().path("detail").asText(""));
      }
      for (JsonNode item : page.body().path("items")) {
        String key = item.path("key").asText();
        if (values.put(key, item.path("value")) != null) {
          unexpected.put(key, "listed twice");
        } else if (!view.values().containsKey(key)) {
          unexpected.put(key, "served, but no event gives it");
        }
      }
      cursor = page.body().path("cursor").isTextual() ? page.body().path("cursor").asText() : null;
    } while (cursor != null);
    return new Listing(values, unexpected, null);
  }

  private static void pause() {
    try {
      Thread.sleep(500); // between rounds of a pipeline catching up; bounded by the deadline above
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

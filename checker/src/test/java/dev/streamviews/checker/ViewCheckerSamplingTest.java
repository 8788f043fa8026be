package dev.streamviews.checker;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A view of more keys than the checker asks one by one: every value is compared from the pages, a
 * spread share of keys is asked by lookup as well (every key when told to), and a key the pages
 * miss or should not list is reported.
 */
class ViewCheckerSamplingTest {
  private static final int KEYS = 300;
  /** Fewer than the checker asks for: a view service may serve less than the limit, and the cursor goes on. */
  private static final int PAGE = 100;
  private static final int SAMPLE = 40;

  /** Keys the lookups answer wrongly for (a misrouted partition, say), though the pages list them right. */
  private final Set<Integer> wrongByLookup = ConcurrentHashMap.newKeySet();
  /** Keys the pages serve a wrong value for. */
  private final Set<Integer> wrongInPages = ConcurrentHashMap.newKeySet();
  /** Keys left out of the pages. */
  private final Set<Integer> unlisted = ConcurrentHashMap.newKeySet();
  private final Set<String> lookedUp = ConcurrentHashMap.newKeySet();
  @RegisterExtension
  final StandInViewService server = new StandInViewService(this::answer);

  /**
   * {@code /views/demo?limit=..[&cursor=kNNNN]}: pages of keys k0000..k0299 (and, past them, an
   * unexpected key x); {@code /views/demo/kNNNN}: n = NNNN unless told otherwise.
   */
  private void answer(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (!path.equals("/views/demo")) {
      String key = path.substring(path.lastIndexOf('/') + 1);
      lookedUp.add(key);
      int n = Integer.parseInt(key.substring(1));
      StandInViewService.reply(exchange, "{\"value\":{\"n\":" + (wrongByLookup.contains(n) ? -1 : n) + "}}");
      return;
    }
    String query = exchange.getRequestURI().getRawQuery();
    int from = query.contains("cursor=") ? Integer.parseInt(URLDecoder.decode(query.substring(query.indexOf("cursor=") + 7),
        StandardCharsets.UTF_8).substring(1)) + 1 : 0;
    int to = Math.min(KEYS, from + PAGE);
    StringJoiner items = new StringJoiner(",");
    for (int n = from; n < to; n++) {
      if (!unlisted.contains(n)) {
        items.add("{\"key\":\"" + key(n) + "\",\"value\":{\"n\":" + (wrongInPages.contains(n) ? -1 : n) + "}}");
      }
    }
    if (to == KEYS) {
      items.add("{\"key\":\"x\",\"value\":{\"n\":0}}");
    }
    String cursor = to < KEYS ? ",\"cursor\":\"" + key(to - 1) + "\"" : "";
    StandInViewService.reply(exchange, "{\"items\":[" + items + "]" + cursor + "}");
  }

  private static String key(int n) {
    return String.format("k%04d", n);
  }

  private static ExpectedView demo() {
    Map<String, Map<String, Object>> values = new LinkedHashMap<>();
    for (int n = 0; n < KEYS; n++) {
      values.put(key(n), Map.of("n", (long) n));
    }
    return ExpectedView.keyValue("demo", values);
  }

  @Test
  void comparesEveryValueFromThePagesAndAsksASpreadShareByLookup() {
    wrongInPages.add(234);
    unlisted.add(77);

    CheckReport report = new ViewChecker(server.client(), false, SAMPLE).check(() -> List.of(demo()), Duration.ZERO);

    assertThat(lookedUp).hasSize(SAMPLE).contains(key(0), key(293));
    assertThat(lookedUp.stream().filter(key -> key.compareTo(key(150)) < 0).count())
        .as("lookups in the first half of the keys").isEqualTo(SAMPLE / 2);
    assertThat(report.keysChecked()).isEqualTo(KEYS);
    assertThat(report.mismatches()).containsExactly(
        "demo/k0077: expected a value, but the view's pages do not list the key",
        "demo/k0234: n expected 234 but served -1",
        "demo/x: served, but no event gives it");
  }

  @Test
  void aKeyTheLookupsAnswerWronglyIsFoundWhenAskedByLookup() {
    wrongByLookup.add(0); // the first key is always in the sample
    wrongByLookup.add(1); // the second is not

    CheckReport sampled = new ViewChecker(server.client(), false, SAMPLE).check(() -> List.of(demo()), Duration.ZERO);
    CheckReport everyKey = new ViewChecker(server.client(), true, SAMPLE).check(() -> List.of(demo()), Duration.ZERO);

    assertThat(sampled.mismatches()).containsExactly("demo/k0000: asked by key: n expected 0 but served -1",
        "demo/x: served, but no event gives it");
    assertThat(everyKey.mismatches()).containsExactly("demo/k0000: asked by key: n expected 0 but served -1",
        "demo/k0001: asked by key: n expected 1 but served -1", "demo/x: served, but no event gives it");
    assertThat(lookedUp).hasSize(KEYS);
  }
}

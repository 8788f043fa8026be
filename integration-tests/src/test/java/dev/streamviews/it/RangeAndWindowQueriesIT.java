package dev.streamviews.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamviews.fixtures.LocalClusterExtension;
import dev.streamviews.it.Pipeline.CliRun;
import dev.streamviews.it.ViewServiceCalls.Answer;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Pages of key ranges and windows of a key, through the view service, on keys of this test's own. */
@ExtendWith({LocalClusterExtension.class, PipelineExtension.class})
class RangeAndWindowQueriesIT {
  private final Pipeline pipeline;
  private final String run = "rq-" + UUID.randomUUID().toString().substring(0, 8);

  @TempDir
  Path dir;

  RangeAndWindowQueriesIT(Pipeline pipeline) {
    this.pipeline = pipeline;
  }

  @Test
  void pagesThroughARangeGivingEveryKeyOnceInKeyOrderWhileKeysAreAdded() throws IOException {
    List<String> customers = new ArrayList<>();
    for (int i = 10; i < 60; i += 2) {
      customers.add(run + "-c" + i);
    }
    publishOrdersOf(customers);
    String from = run + "-c";
    String to = run + "-c~";
    awaitKeys("/views/customer-spend?limit=1000&from=" + from + "&to=" + to, customers.size());

    List<String> paged = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      String path = "/views/customer-spend?limit=7" + (cursor == null ? "&from=" + from + "&to=" + to : "&cursor=" + encode(cursor));
      Answer page = ViewServiceCalls.answer(pipeline.viewService, path);
      assertThat(page.status()).as(page.body().toString()).isEqualTo(200);
      page.body().path("items").forEach(item -> paged.add(item.path("key").asText()));
      assertThat(page.body().path("items").size()).isLessThanOrEqualTo(7);
      cursor = page.body().path("cursor").isTextual() ? page.body().path("cursor").asText() : null;
      if (++pages == 2) {
        // Keys added mid-way: one before the cursor (never listed now), one after (listed later).
        publishOrdersOf(List.of(run + "-c11", run + "-c99"));
        awaitKeys("/views/customer-spend?limit=1000&from=" + from + "&to=" + to, customers.size() + 2);
      }
    } while (cursor != null);

    List<String> expected = new ArrayList<>(customers);
    expected.add(run + "-c99");
    expected.sort(null);
    assertThat(paged).containsExactlyElementsOf(expected);
    assertThat(pages).isGreaterThanOrEqualTo(4);
    // Store metrics reach /prometheus on the metrics binder's next refresh (once a minute).
    Awaitility.await("open-iterator metrics published").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
        .until(() -> !Prometheus.samples(pipeline.processorHttps(), "kafka_stream_state_num_open_iterators", "customer-spend").isEmpty());
    try {
      Awaitility.await("open iterators back at zero").atMost(Duration.ofSeconds(30))
          .until(() -> Prometheus.sum(pipeline.processorHttps(), "kafka_stream_state_num_open_iterators", "\"customer-spend\"") == 0.0);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("open iterators: " + Prometheus.lines(pipeline.processorHttps(), "kafka_stream_state_num_open_iterators")
          .stream().filter(line -> !line.endsWith(" 0.0")).toList(), e);
    }
  }

  @Test
  void answersTheWindowsOfASkuInATimeRangeGivenAsInstantsOrEpochMillis() throws IOException {
    String sku = run + "-sku";
    Path file = Files.writeString(dir.resolve("orders.jsonl"), String.join("\n",
        order(run + "-w1", sku, 2, "2026-11-20T00:00:10Z"),
        order(run + "-w2", sku, 3, "2026-11-20T00:01:20Z"),
        order(run + "-w3", sku, 4, "2026-11-20T00:01:50Z"),
        order(run + "-w4", sku, 5, "2026-11-20T00:02:05Z")));
    publish(file);
    String all = "/views/sku-sales-per-minute/" + sku + "/windows";
    Awaitility.await("four orders in windows").atMost(Duration.ofSeconds(30)).until(() -> {
      Answer answer = ViewServiceCalls.get(pipeline.viewService, all);
      return answer.status() == 200 && units(answer.body()) == 14;
    });

    long fromMillis = java.time.Instant.parse("2026-11-20T00:01:00Z").toEpochMilli();
    Answer twoWindows = ViewServiceCalls.answer(pipeline.viewService, all + "?from=" + fromMillis + "&to=2026-11-20T00:02:00Z");

    JsonNode windows = twoWindows.body().path("windows");
    assertThat(windows).hasSize(2);
    assertThat(windows.get(0).path("windowStart").asText()).isEqualTo("2026-11-20T00:01:00Z");
    assertThat(windows.get(0).path("windowEnd").asText()).isEqualTo("2026-11-20T00:02:00Z");
    assertThat(windows.get(0).path("units").asLong()).isEqualTo(7);
    assertThat(windows.get(0).path("revenueCents").asLong()).isEqualTo(7 * 250);
    assertThat(windows.get(1).path("units").asLong()).isEqualTo(5);
  }

  private void publishOrdersOf(List<String> customers) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String customer : customers) {
      lines.add("{\"orderId\":\"" + customer + "-order\",\"customerId\":\"" + customer
          + "\",\"lines\":[{\"sku\":\"sku-001\",\"quantity\":1,\"unitPriceCents\":100}],\"placedAt\":\"2026-11-01T00:00:00Z\"}");
    }
    publish(Files.write(dir.resolve(UUID.randomUUID() + ".jsonl"), lines));
  }

  private void publish(Path file) {
    CliRun produce = pipeline.produce("shop.orders", "--file", file.toString());
    assertThat(produce.exitCode()).as(produce.err()).isZero();
  }

  private void awaitKeys(String path, int count) {
    Awaitility.await(count + " keys at " + path).atMost(Duration.ofSeconds(30))
        .until(() -> ViewServiceCalls.get(pipeline.viewService, path).body().path("items").size() == count);
  }

  private static long units(JsonNode body) {
    long units = 0;
    for (JsonNode window : body.path("windows")) {
      units += window.path("units").asLong();
    }
    return units;
  }

  private static String order(String orderId, String sku, int quantity, String placedAt) {
    return "{\"orderId\":\"" + orderId + "\",\"customerId\":\"c-w\",\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":" + quantity
        + ",\"unitPriceCents\":250}],\"placedAt\":\"" + placedAt + "\"}";
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}

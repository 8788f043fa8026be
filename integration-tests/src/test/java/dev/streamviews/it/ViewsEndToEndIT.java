package dev.streamviews.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamviews.checker.CheckReport;
import dev.streamviews.checker.InputFacts;
import dev.streamviews.checker.InputReader;
import dev.streamviews.checker.ViewChecker;
import dev.streamviews.checker.ViewServiceClient;
import dev.streamviews.fixtures.LocalClusterExtension;
import dev.streamviews.it.Pipeline.CliRun;
import dev.streamviews.it.ViewServiceCalls.Answer;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Generated orders, payments, shipments and stock adjustments (with duplicates and late arrivals)
 * published through the CLI, folded by a processor JVM, served by a view-service JVM, and every
 * key and window of the four views compared with the checker's independent model.
 */
@ExtendWith({LocalClusterExtension.class, PipelineExtension.class})
class ViewsEndToEndIT {
  private final Pipeline pipeline;

  ViewsEndToEndIT(Pipeline pipeline) {
    this.pipeline = pipeline;
  }

  @Test
  void servesEveryKeyAndWindowOfEveryViewAsTheCheckerComputesThem() {
    CliRun produce = pipeline.produce("all", "--generate", "100000", "--seed", "11", "--duplicates", "0.1", "--disorder", "0.2");
    assertThat(produce.exitCode()).as(produce.err()).isZero();
    assertThat(produce.out()).contains("sent 100000 records");

    InputReader reader = pipeline.inputs();
    InputFacts facts = reader.readAll();
    // Every key by its own lookup too, here: each is routed to the instance that holds it.
    CheckReport report = new ViewChecker(new ViewServiceClient(pipeline.viewService), true)
        .check(facts, reader::readLateLines, Duration.ofSeconds(180));

    System.out.printf("checked %d keys of 4 views after %d events; %d order lines reported late%n",
        report.keysChecked(), facts.size(), reader.readLateLines().size());
    assertThat(report.mismatches())
        .as(() -> SkuSalesDiagnosis.of(pipeline.cluster.bootstrapServers(), reader.version(), report.mismatches()))
        .isEmpty();
    // About 40 000 orders (each with its payments, shipments and restocks) and their customers and skus.
    assertThat(report.keysChecked()).isGreaterThan(25_000);
  }

  @Test
  void answersWithFreshnessForAKnownKey() {
    CliRun produce = pipeline.produce("shop.orders", "--generate", "1", "--seed", "4242");
    assertThat(produce.exitCode()).as(produce.err()).isZero();
    String orderId = "o-" + Long.toString(4242, 36) + "-1";

    Answer answer = awaitFound("/views/order-status/" + orderId);

    assertThat(answer.body().path("value").path("orderId").asText()).isEqualTo(orderId);
    assertThat(answer.body().path("value").path("status").asText()).isEqualTo("PLACED");
    assertThat(answer.body().path("freshness").path("stale").asBoolean()).isFalse();
    assertThat(answer.body().path("freshness").path("servedBy").asText()).isIn(pipeline.processorQueryEndpoints());
    assertThat(answer.headers().firstValue("Streamviews-Stale")).contains("false");
  }

  @Test
  void answersProblemJsonForAnUnknownKeyOrView() {
    Answer unknownKey = ViewServiceCalls.answer(pipeline.viewService, "/views/order-status/no-such-order");
    Answer unknownView = ViewServiceCalls.answer(pipeline.viewService, "/views/no-such-view/x");
    Answer unknownPath = ViewServiceCalls.get(pipeline.viewService, "/nothing/here");

    assertThat(unknownKey.status()).isEqualTo(404);
    assertThat(unknownKey.contentType()).isEqualTo("application/problem+json");
    assertThat(unknownKey.body().path("parameter").asText()).isEqualTo("key");
    assertThat(unknownView.status()).isEqualTo(404);
    assertThat(unknownView.body().path("parameter").asText()).isEqualTo("view");
    assertThat(unknownPath.status()).isEqualTo(404);
    assertThat(unknownPath.contentType()).isEqualTo("application/problem+json");
  }

  @Test
  void listsTheViewsAndTheirShapes() {
    Answer views = ViewServiceCalls.answer(pipeline.viewService, "/views");

    assertThat(views.status()).isEqualTo(200);
    com.fasterxml.jackson.databind.JsonNode list = views.body().path("views");
    assertThat(list.findValuesAsText("name"))
        .containsExactly("order-status", "customer-spend", "sku-sales-per-minute", "stock-levels");
    assertThat(list.get(0).path("shape").asText()).isEqualTo("key-value");
    assertThat(list.get(2).path("shape").asText()).isEqualTo("windowed");
    assertThat(list.get(0).path("fields").path("status").asText()).contains("PAID");
    // Which version answers depends on whether a rebuild ran before; the pipeline state says which.
    int version = pipeline.inputs().version().version();
    assertThat(views.body().path("version").asInt()).isEqualTo(version);
    assertThat(list.get(0).path("topic").asText()).isEqualTo(version == 1 ? "shop.views.order-status" : "shop.views.order-status.v" + version);
  }

  @Test
  void reportsBothServicesLiveAndReady() {
    assertThat(pipeline.allProcessorsAnswer("/healthz/liveness")).as("processors live").isTrue();
    assertThat(ViewServiceCalls.get(pipeline.viewService, "/healthz/liveness").status()).as("view service live").isEqualTo(200);
    // Ready can lapse for a moment (input lag over the threshold after another test's backlog, a
    // rebalance): every service must be ready, and every processor RUNNING, within a short wait.
    Awaitility.await("every service ready").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(pipeline.allProcessorsAnswer("/healthz/readiness")).as("processors ready").isTrue();
      assertThat(ViewServiceCalls.get(pipeline.viewService, "/healthz/readiness").status()).as("view service ready").isEqualTo(200);
      for (java.net.URI processor : pipeline.processorHttps()) {
        assertThat(ViewServiceCalls.get(processor, "/healthz/readiness").body().path("streamsState").asText()).isEqualTo("RUNNING");
      }
    });
  }

  private Answer awaitFound(String path) {
    Answer[] last = new Answer[1];
    Awaitility.await(path).atMost(Duration.ofSeconds(30)).until(() -> {
      last[0] = ViewServiceCalls.get(pipeline.viewService, path);
      return last[0].status() == 200;
    });
    return last[0];
  }
}

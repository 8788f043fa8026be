package dev.streamviews.sinks.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import dev.streamviews.query.v1.Outcome;
import dev.streamviews.query.v1.KeyReply;
import dev.streamviews.schemas.serde.ViewValueCodec;
import dev.streamviews.schemas.views.OrderState;
import dev.streamviews.schemas.views.OrderStatus;
import dev.streamviews.sinks.FakeProcessor;
import dev.streamviews.sinks.routing.ProcessorDirectory;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ViewsApiTest implements TestPropertyProvider {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final OrderStatus PAID = new OrderStatus("o-1", "c-1", OrderState.PAID, 1000L, 1000L,
      Instant.parse("2026-11-01T10:00:00Z"), Instant.parse("2026-11-01T10:00:05Z"));

  private final FakeProcessor fake = startFake();

  @Inject
  EmbeddedServer server;

  @Inject
  ProcessorDirectory directory;

  @Override
  public Map<String, String> getProperties() {
    return fake.viewServiceProperties();
  }

  @BeforeEach
  void everyPartitionServed() {
    fake.activePartitions = IntStream.range(0, 6).boxed().toList();
    fake.replies.clear();
    directory.refresh();
  }

  @AfterAll
  void stopFake() {
    fake.close();
  }

  @Test
  void answersAKnownKeyWithItsValueAndFreshness() {
    fake.replies.put("o-1", KeyReply.newBuilder().setOutcome(Outcome.FOUND).setPartition(4)
        .setValue(ByteString.copyFrom(ViewValueCodec.encode(PAID))).build());

    Answer answer = get("/views/order-status/o-1", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body().path("value").path("status").asText()).isEqualTo("PAID");
    assertThat(answer.body().path("value").path("placedAt").asText()).isEqualTo("2026-11-01T10:00:00Z");
    assertThat(answer.body().path("value").path("totalCents").asLong()).isEqualTo(1000);
    assertThat(answer.body().path("freshness").path("partition").asInt()).isEqualTo(4);
    assertThat(answer.body().path("freshness").path("stale").asBoolean()).isFalse();
    assertThat(answer.headers().firstValue("Streamviews-Served-By")).contains("127.0.0.1:" + fake.port());
    assertThat(fake.keyRequests).last().satisfies(request -> {
      assertThat(request.getView()).isEqualTo("order-status");
      assertThat(request.getTraceparent()).startsWith("00-4bf92f35");
    });
  }

  @Test
  void answers404ProblemJsonForAKeyTheViewDoesNotHave() {
    Answer answer = get("/views/order-status/missing", null);

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(answer.body().path("parameter").asText()).isEqualTo("key");
    assertThat(answer.body().path("detail").asText()).contains("'missing'");
  }

  @Test
  void answers503WithRetryAfterWhenTheOwnerCannotAnswerNow() {
    fake.replies.put("busy", KeyReply.newBuilder().setOutcome(Outcome.NOT_AVAILABLE)
        .setDetail("store partition 2 is restoring").build());

    Answer answer = get("/views/order-status/busy", null);

    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.headers().firstValue("Retry-After")).contains("1");
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(answer.body().path("detail").asText()).contains("restoring");
  }

  @Test
  void answers404ProblemJsonNamingAnUnknownView() {
    Answer answer = get("/views/nope/o-1", null);

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.body().path("parameter").asText()).isEqualTo("view");
    assertThat(fake.keyRequests).noneMatch(request -> request.getView().equals("nope"));
  }

  @Test
  void answersTheFrameworksOwnErrorsAsProblemJsonToo() {
    Answer noRoute = get("/no/such/path", null);

    assertThat(noRoute.status()).isEqualTo(404);
    assertThat(noRoute.contentType()).isEqualTo("application/problem+json");
    assertThat(noRoute.body().path("status").asInt()).isEqualTo(404);
  }

  @Test
  void describesTheViews() {
    Answer answer = get("/views", null);

    assertThat(answer.body().path("views").get(0).path("name").asText()).isEqualTo("order-status");
    assertThat(answer.body().path("views").get(0).path("queries").path("key").asText()).isEqualTo("/views/order-status/{orderId}");
    assertThat(answer.body().path("views").get(2).path("queries").path("windows").asText())
        .startsWith("/views/sku-sales-per-minute/{sku}/windows");
  }

  @Test
  void isReadyOnlyWhenEveryPartitionHasAnInstanceToAsk() {
    assertThat(get("/healthz/readiness", null).status()).isEqualTo(200);

    fake.activePartitions = List.of(0, 1, 2, 3, 4);
    directory.refresh();
    Answer notReady = get("/healthz/readiness", null);

    assertThat(notReady.status()).isEqualTo(503);
    assertThat(notReady.body().path("problems").toString()).contains("order-status partitions [5]");
    assertThat(get("/healthz/liveness", null).status()).isEqualTo(200);
  }

  @Test
  void refusesALimitOverTheCapOrNotANumberNamingIt() {
    for (String limit : new String[] {"1001", "0", "ten"}) {
      Answer answer = get("/views/order-status?limit=" + limit, null);
      assertThat(answer.status()).as(limit).isEqualTo(400);
      assertThat(answer.contentType()).isEqualTo("application/problem+json");
      assertThat(answer.body().path("parameter").asText()).isEqualTo("limit");
    }
  }

  @Test
  void refusesARangeWhoseFromComesAfterItsTo() {
    Answer answer = get("/views/order-status?from=o-9&to=o-1", null);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().path("parameter").asText()).isEqualTo("from");
  }

  @Test
  void refusesACursorItDidNotGiveOutOrOfAnotherView() {
    Answer forged = get("/views/order-status?cursor=bm90LWEtY3Vyc29y", null);
    String otherView = new Cursor("stock-levels", null, null, "sku-1").encode();
    Answer misplaced = get("/views/order-status?cursor=" + otherView, null);

    assertThat(forged.status()).isEqualTo(400);
    assertThat(forged.body().path("parameter").asText()).isEqualTo("cursor");
    assertThat(misplaced.status()).isEqualTo(400);
    assertThat(misplaced.body().path("detail").asText()).contains("stock-levels");
  }

  @Test
  void refusesAWindowQueryOnAKeyValueViewAndAKeyQueryOnAWindowedOne() {
    Answer windowsOfKeyValue = get("/views/order-status/o-1/windows", null);
    Answer keyOfWindowed = get("/views/sku-sales-per-minute/sku-1", null);
    Answer rangeOfWindowed = get("/views/sku-sales-per-minute", null);

    assertThat(windowsOfKeyValue.status()).isEqualTo(400);
    assertThat(windowsOfKeyValue.body().path("parameter").asText()).isEqualTo("view");
    assertThat(keyOfWindowed.status()).isEqualTo(400);
    assertThat(keyOfWindowed.body().path("detail").asText()).contains("/windows");
    assertThat(rangeOfWindowed.status()).isEqualTo(400);
  }

  @Test
  void refusesAMalformedTimeOrAnInvertedTimeRangeNamingTheParameter() {
    Answer malformed = get("/views/sku-sales-per-minute/sku-1/windows?from=yesterday", null);
    Answer inverted = get("/views/sku-sales-per-minute/sku-1/windows?from=2026-11-02T00:00:00Z&to=1762000000000", null);

    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.body().path("parameter").asText()).isEqualTo("from");
    assertThat(malformed.body().path("detail").asText()).contains("ISO-8601");
    assertThat(inverted.status()).isEqualTo(400);
    assertThat(inverted.body().path("parameter").asText()).isEqualTo("from");
  }

  private static FakeProcessor startFake() {
    try {
      return new FakeProcessor();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Answer(int status, java.net.http.HttpHeaders headers, JsonNode body) {
    String contentType() {
      return headers.firstValue("Content-Type").orElse("");
    }
  }

  private Answer get(String path, String traceparent) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path));
      if (traceparent != null) {
        request.header("traceparent", traceparent);
      }
      HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.headers(), response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

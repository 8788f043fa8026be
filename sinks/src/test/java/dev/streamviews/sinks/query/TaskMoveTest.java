package dev.streamviews.sinks.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import dev.streamviews.query.v1.KeyReply;
import dev.streamviews.query.v1.Outcome;
import dev.streamviews.schemas.serde.ViewValueCodec;
import dev.streamviews.schemas.views.CustomerSpend;
import dev.streamviews.sinks.FakeProcessor;
import dev.streamviews.sinks.routing.CircuitBreakers;
import dev.streamviews.sinks.routing.Endpoint;
import dev.streamviews.sinks.routing.ProcessorDirectory;
import io.grpc.Status;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A copy that is there but cannot answer for a moment, as one whose task is moving between
 * instances in a rebalance: lookups and range pages wait for it, for as long as a 503 would tell the
 * caller to wait (Retry-After), and only a copy that stays unready that long, or cannot be reached
 * at all, makes a 503.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskMoveTest implements TestPropertyProvider {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** What a 503 tells the caller to wait, and so how long a request waits for a copy to become ready. */
  private static final long RETRY_AFTER_MS = 1000;
  private static final long REQUEST_TIMEOUT_MS = 4000;

  private final FakeProcessor processor = startFake();

  @Inject
  EmbeddedServer server;

  @Inject
  ProcessorDirectory directory;

  @Inject
  CircuitBreakers breakers;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(processor.viewServiceProperties());
    properties.put("streamviews.view-service.request-timeout", REQUEST_TIMEOUT_MS + "ms");
    properties.put("streamviews.view-service.retry-after", RETRY_AFTER_MS + "ms");
    return properties;
  }

  @BeforeEach
  void aHealthyProcessorWithTwoCustomers() {
    processor.failure = null;
    processor.unreadyAnswers.set(0);
    processor.keyRequests.clear();
    processor.rangeRequests.clear();
    processor.replies.clear();
    processor.replies.put("c-1", spend("c-1", 1200));
    processor.replies.put("c-2", spend("c-2", 3400));
    directory.refresh();
    breakers.of(new Endpoint("127.0.0.1", processor.port())).succeeded();
  }

  @AfterAll
  void stop() {
    processor.close();
  }

  @Test
  void aLookupWaitsForACopyThatCannotAnswerForAMoment() {
    processor.unreadyAnswers.set(3);

    Answer answer = get("/views/customer-spend/c-1");

    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
    assertThat(answer.body().path("value").path("spentCents").asLong()).isEqualTo(1200);
    assertThat(processor.keyRequests).as("asked until the copy could answer").hasSize(4);
  }

  @Test
  void aRangePageWaitsForPartitionsThatCannotBeReadForAMoment() {
    processor.unreadyAnswers.set(2);

    Answer answer = get("/views/customer-spend?limit=10");

    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
    List<String> keys = new ArrayList<>();
    answer.body().path("items").forEach(item -> keys.add(item.path("key").asText()));
    assertThat(keys).containsExactly("c-1", "c-2");
    assertThat(processor.rangeRequests).as("asked until the partitions could be read").hasSize(3);
  }

  @Test
  void aCopyThatStaysUnreadyMakesA503WithRetryAfterOnceTheCallerWouldHaveAskedAgain() {
    processor.unreadyAnswers.set(Integer.MAX_VALUE);

    long started = System.nanoTime();
    Answer lookup = get("/views/customer-spend/c-1");
    long lookupMillis = (System.nanoTime() - started) / 1_000_000;
    started = System.nanoTime();
    Answer page = get("/views/customer-spend?limit=10");
    long pageMillis = (System.nanoTime() - started) / 1_000_000;

    assertThat(lookup.status()).isEqualTo(503);
    assertThat(lookup.retryAfter()).isTrue();
    assertThat(lookup.body().path("detail").asText()).contains("task moving");
    assertThat(processor.keyRequests.size()).as("asked more than once while waiting").isGreaterThan(1);
    assertThat(lookupMillis).as("waited about as long as Retry-After, well short of the deadline")
        .isBetween(RETRY_AFTER_MS / 2, REQUEST_TIMEOUT_MS / 2);
    assertThat(page.status()).isEqualTo(503);
    assertThat(page.retryAfter()).isTrue();
    assertThat(page.body().path("detail").asText()).contains("task moving");
    assertThat(processor.rangeRequests.size()).isGreaterThan(1);
    assertThat(pageMillis).isBetween(RETRY_AFTER_MS / 2, REQUEST_TIMEOUT_MS / 2);
  }

  @Test
  void aCopyThatCannotBeReachedMakesA503AtOnce() {
    processor.failure = Status.UNAVAILABLE;

    Answer lookup = get("/views/customer-spend/c-1");
    Answer page = get("/views/customer-spend?limit=10");

    assertThat(lookup.status()).isEqualTo(503);
    assertThat(page.status()).isEqualTo(503);
    assertThat(processor.keyRequests).as("no second round: nobody was there to wait for").hasSize(1);
    assertThat(processor.rangeRequests).hasSize(1);
  }

  private static KeyReply spend(String customer, long spentCents) {
    CustomerSpend value = CustomerSpend.newBuilder().setCustomerId(customer).setOrders(1).setSpentCents(spentCents)
        .setLastOrderAt(Instant.parse("2026-11-01T10:00:00Z")).build();
    return KeyReply.newBuilder().setOutcome(Outcome.FOUND).setValue(ByteString.copyFrom(ViewValueCodec.encode(value))).build();
  }

  record Answer(int status, JsonNode body, boolean retryAfter) {}

  private Answer get(String path) {
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), JSON.readTree(response.body()), response.headers().firstValue("Retry-After").isPresent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static FakeProcessor startFake() {
    try {
      return new FakeProcessor();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

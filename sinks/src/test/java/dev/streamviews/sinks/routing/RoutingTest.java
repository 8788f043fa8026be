package dev.streamviews.sinks.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.streamviews.query.v1.KeyReply;
import dev.streamviews.query.v1.Outcome;
import dev.streamviews.schemas.serde.ViewValueCodec;
import dev.streamviews.schemas.views.OrderState;
import dev.streamviews.schemas.views.OrderStatus;
import dev.streamviews.sinks.FakeProcessor;
import io.grpc.Status;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Routing between two scripted processor instances: the active copy of every partition on one,
 * a standby on the other, and a third instance no metadata names.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoutingTest implements TestPropertyProvider {
  private static final OrderStatus PAID = new OrderStatus("o-1", "c-1", OrderState.PAID, 1000L, 1000L,
      Instant.parse("2026-11-01T10:00:00Z"), Instant.parse("2026-11-01T10:00:05Z"));

  private final FakeProcessor active = start();
  private final FakeProcessor standby = start();
  private final FakeProcessor stranger = start();

  @Inject
  EmbeddedServer server;

  @Inject
  ProcessorDirectory directory;

  @Inject
  CircuitBreakers breakers;

  @Override
  public Map<String, String> getProperties() {
    return Map.of("streamviews.view-service.processors", "127.0.0.1:" + standby.port(),
        "streamviews.view-service.metadata-refresh", "1h",
        "streamviews.view-service.breaker-open-for", "1h",
        "micronaut.server.port", "-1");
  }

  @BeforeEach
  void bothInstancesHealthy() {
    for (FakeProcessor processor : new FakeProcessor[] {active, standby, stranger}) {
      processor.failure = null;
      processor.replies.clear();
      processor.keyRequests.clear();
      processor.replies.put("o-1", found(processor == standby));
    }
    standby.metadata = FakeProcessor.cluster(active, standby, "127.0.0.1:" + standby.port(), 42);
    active.metadata = standby.metadata;
    directory.refresh();
    breakers.of(new Endpoint("127.0.0.1", active.port())).succeeded();
  }

  @AfterAll
  void stop() {
    active.close();
    standby.close();
    stranger.close();
  }

  @Test
  void asksTheActiveCopyFirst() {
    HttpResponse<String> answer = get("/views/order-status/o-1", Map.of());

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Streamviews-Stale")).contains("false");
    assertThat(active.keyRequests).hasSize(1);
    assertThat(standby.keyRequests).isEmpty();
  }

  @Test
  void fallsBackToAStandbyMarkedStaleWithItsLagWhenTheActiveFails() {
    active.failure = Status.UNAVAILABLE;

    HttpResponse<String> answer = get("/views/order-status/o-1", Map.of());

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Streamviews-Stale")).contains("true");
    assertThat(answer.headers().firstValue("Streamviews-Lag-Records")).contains("42");
    assertThat(answer.headers().firstValue("Streamviews-Served-By")).contains("127.0.0.1:" + standby.port());
    assertThat(answer.body()).contains("\"stale\":true").contains("\"lagRecords\":42");
  }

  @Test
  void stopsCallingAnInstanceWhoseBreakerOpened() {
    active.failure = Status.UNAVAILABLE;
    for (int i = 0; i < 3; i++) {
      get("/views/order-status/o-1", Map.of());
    }
    int callsWhileClosed = active.keyRequests.size();

    for (int i = 0; i < 5; i++) {
      assertThat(get("/views/order-status/o-1", Map.of()).statusCode()).isEqualTo(200);
    }

    assertThat(callsWhileClosed).isEqualTo(3);
    assertThat(active.keyRequests).hasSize(3);
    assertThat(standby.keyRequests).hasSize(8);
  }

  @Test
  void answers503WithRetryAfterWhenNoCopyCanAnswer() {
    active.failure = Status.UNAVAILABLE;
    standby.replies.put("o-1", KeyReply.newBuilder().setOutcome(Outcome.NOT_AVAILABLE).setDetail("restoring").build());

    HttpResponse<String> answer = get("/views/order-status/o-1", Map.of());

    assertThat(answer.statusCode()).isEqualTo(503);
    assertThat(answer.headers().firstValue("Retry-After")).isPresent();
    assertThat(answer.headers().firstValue("Content-Type")).contains("application/problem+json");
  }

  @Test
  void forwardsOnlyToAddressesFromMetadataWhateverTheRequestSays() {
    String elsewhere = "127.0.0.1:" + stranger.port();
    Map<String, String> steering = Map.of("X-Forwarded-Host", elsewhere, "Forwarded", "host=" + elsewhere,
        "X-Streamviews-Processor", elsewhere, "Via", elsewhere);

    for (String path : new String[] {"/views/order-status/o-1?host=" + elsewhere + "&processor=" + elsewhere + "&server=" + elsewhere,
        "/views/order-status/o-1", "/views/order-status?limit=5&host=" + elsewhere}) {
      get(path, steering);
    }

    assertThat(stranger.keyRequests).isEmpty();
    assertThat(active.keyRequests).isNotEmpty();
  }

  @Test
  void carriesTheCallersTraceToTheProcessorAndBack() {
    String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    HttpResponse<String> answer = get("/views/order-status/o-1", Map.of("traceparent", traceparent));

    String returned = answer.headers().firstValue("traceparent").orElseThrow();
    assertThat(returned).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-").isNotEqualTo(traceparent);
    assertThat(active.keyRequests.get(0).getTraceparent()).isEqualTo(returned);
    assertThat(get("/views/order-status/o-1", Map.of()).headers().firstValue("traceparent")).isPresent();
  }

  private KeyReply found(boolean fromStandby) {
    return KeyReply.newBuilder().setOutcome(Outcome.FOUND).setPartition(1).setStandby(fromStandby)
        .setLagRecords(fromStandby ? 42 : 0).setValue(ByteString.copyFrom(ViewValueCodec.encode(PAID))).build();
  }

  private HttpResponse<String> get(String path, Map<String, String> headers) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path));
      headers.forEach(request::header);
      return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static FakeProcessor start() {
    try {
      return new FakeProcessor();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

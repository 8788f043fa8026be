package dev.streamviews.sinks.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import dev.streamviews.query.v1.KeyReply;
import dev.streamviews.query.v1.KeyRequest;
import dev.streamviews.query.v1.Outcome;
import dev.streamviews.schemas.serde.ViewValueCodec;
import dev.streamviews.schemas.views.OrderState;
import dev.streamviews.schemas.views.OrderStatus;
import dev.streamviews.sinks.FakeProcessor;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A rebuilt version of the views taking over: one scripted processor runs version 1 and then
 * version 2 beside it, and says which serves. Metadata is never refreshed on a period here, so
 * whatever switch happens is the view service reacting to what processors tell it.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VersionSwitchTest implements TestPropertyProvider {
  private final FakeProcessor processor = start();

  @Inject
  EmbeddedServer server;

  @Inject
  ProcessorDirectory directory;

  @Override
  public Map<String, String> getProperties() {
    return processor.viewServiceProperties();
  }

  @BeforeEach
  void versionOneServes() {
    processor.servingVersion = 1;
    processor.buildingVersion = 0;
    processor.runningVersions = Set.of(1);
    processor.keyRequests.clear();
    processor.replies.put("o-1", KeyReply.newBuilder().setOutcome(Outcome.FOUND).setPartition(2)
        .setValue(ByteString.copyFrom(ViewValueCodec.encode(new OrderStatus("o-1", "c-1", OrderState.PLACED, 100L, 0L,
            Instant.parse("2026-11-01T10:00:00Z"), Instant.parse("2026-11-01T10:00:00Z"))))).build());
    directory.refresh();
  }

  @AfterAll
  void stop() {
    processor.close();
  }

  @Test
  void asksForTheServingVersionAndSaysWhichItIs() throws IOException {
    assertThat(get("/views/order-status/o-1").statusCode()).isEqualTo(200);

    assertThat(processor.keyRequests).extracting(KeyRequest::getVersion).containsExactly(1);
    JsonNode catalogue = json(get("/views").body());
    assertThat(catalogue.path("version").asInt()).isEqualTo(1);
    assertThat(catalogue.path("applicationId").asText()).isEqualTo("streamviews-processor");
    assertThat(catalogue.path("views").get(0).path("topic").asText()).isEqualTo("shop.views.order-status");
  }

  @Test
  void movesToANewerVersionAsSoonAsAProcessorSaysItServes() throws IOException {
    processor.runningVersions = Set.of(1, 2);
    processor.servingVersion = 2; // the switch: replies now say version 2 serves

    assertThat(get("/views/order-status/o-1").statusCode()).isEqualTo(200); // still version 1: it runs, it answers
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> directory.layout().version() == 2);
    processor.keyRequests.clear();
    assertThat(get("/views/order-status/o-1").statusCode()).isEqualTo(200);

    assertThat(processor.keyRequests).extracting(KeyRequest::getVersion).containsExactly(2);
    JsonNode catalogue = json(get("/views").body());
    assertThat(catalogue.path("version").asInt()).isEqualTo(2);
    assertThat(catalogue.path("applicationId").asText()).isEqualTo("streamviews-processor.v2");
    assertThat(catalogue.path("views").get(0).path("topic").asText()).isEqualTo("shop.views.order-status.v2");
  }

  @Test
  void asksTheNewVersionAtOnceWhenTheOldOneIsAlreadyGone() {
    processor.runningVersions = Set.of(2); // version 1 retired before this view service heard of the switch
    processor.servingVersion = 2;

    HttpResponse<String> answer = get("/views/order-status/o-1");

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(processor.keyRequests).extracting(KeyRequest::getVersion).containsExactly(1, 2);
    assertThat(directory.layout().version()).isEqualTo(2);
  }

  @Test
  void saysWhichVersionIsBeingBuilt() throws IOException {
    assertThat(json(get("/views").body()).hasNonNull("building")).isFalse();

    processor.runningVersions = Set.of(1, 3);
    processor.buildingVersion = 3;
    directory.refresh();

    assertThat(json(get("/views").body()).path("building").asInt()).isEqualTo(3);
    assertThat(json(get("/views").body()).path("version").asInt()).isEqualTo(1);
  }

  private HttpResponse<String> get(String path) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode json(String body) throws IOException {
    return new ObjectMapper().readTree(body);
  }

  private static FakeProcessor start() {
    try {
      return new FakeProcessor();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

package dev.streamviews.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamviews.schemas.events.OrderPlaced;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchemaRegistryClientTest {
  private static final Schema ORDER = OrderPlaced.getClassSchema();
  private static final String ORDER_JSON = "{\"schema\":" + quoted(ORDER.toString()) + "}";
  private static final RetryPolicy QUICK = new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(500));

  private final ScriptedRegistryServer registry;

  SchemaRegistryClientTest() throws IOException {
    registry = new ScriptedRegistryServer();
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void retriesServerErrorsAndThrottlingUntilTheRegistryAnswers() {
    registry.then(503, "{\"error_code\":50003,\"message\":\"busy\"}")
        .then(429, "{\"error_code\":42901,\"message\":\"slow down\"}")
        .then(408, "")
        .then(200, "{\"id\":7}");

    int id = client().register("shop.orders-value", ORDER);

    assertThat(id).isEqualTo(7);
    assertThat(registry.requests()).hasSize(4).allMatch(r -> r.equals("POST /subjects/shop.orders-value/versions"));
  }

  @Test
  void givesUpAfterTheLastAttemptWithADistinctError() {
    registry.always(500, "{\"error_code\":50001,\"message\":\"broken store\"}");

    assertThatThrownBy(() -> client().schemaById(3))
        .isInstanceOf(RegistryUnavailableException.class)
        .hasMessageContaining("after 4 attempts");
    assertThat(registry.requests()).hasSize(4);
  }

  @Test
  void treatsATimeoutAsUnavailable() {
    registry.always(200, "{}");
    registry.then(new ScriptedRegistryServer.Answer(200, "{\"schema\":" + quoted(ORDER.toString()) + "}", Map.of(), 2_000));
    RetryPolicy oneShot = new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofMillis(200));

    assertThatThrownBy(() -> new SchemaRegistryClient(registry.uri(), oneShot, Duration.ofSeconds(5)).schemaById(1))
        .isInstanceOf(RegistryUnavailableException.class);
  }

  @Test
  void treatsARefusedConnectionAsUnavailable() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    SchemaRegistryClient unreachable =
        new SchemaRegistryClient(URI.create("http://127.0.0.1:" + closedPort), QUICK, Duration.ofSeconds(5));

    assertThatThrownBy(() -> unreachable.register("s-value", ORDER)).isInstanceOf(RegistryUnavailableException.class);
  }

  @Test
  void doesNotRetryARefusal() {
    registry.then(409, "{\"error_code\":40901,\"message\":\"Schema being registered is incompatible\"}");

    assertThatThrownBy(() -> client().register("shop.orders-value", ORDER))
        .isInstanceOf(IncompatibleSchemaException.class)
        .satisfies(e -> assertThat(((RegistryRequestException) e).errorCode()).isEqualTo(40901));
    assertThat(registry.requests()).hasSize(1);
  }

  @Test
  void mapsAnInvalidSchemaToItsOwnError() {
    registry.then(422, "{\"error_code\":42201,\"message\":\"Invalid schema\"}");

    assertThatThrownBy(() -> client().register("s-value", ORDER)).isInstanceOf(InvalidSchemaException.class);
  }

  @Test
  void cachesSchemasAndIdsForGood() {
    registry.then(200, ORDER_JSON).then(200, "{\"id\":1}");
    SchemaRegistryClient client = client();

    for (int i = 0; i < 10; i++) {
      assertThat(client.schemaById(1)).isEqualTo(ORDER);
      assertThat(client.register("shop.orders-value", ORDER)).isEqualTo(1);
    }

    assertThat(registry.requests()).containsExactly("GET /schemas/ids/1", "POST /subjects/shop.orders-value/versions");
  }

  @Test
  void remembersAnUnknownIdForAWhileThenAsksAgain() {
    registry.always(404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
    SchemaRegistryClient client = new SchemaRegistryClient(registry.uri(), QUICK, Duration.ofMillis(300));

    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> client.schemaById(99)).isInstanceOf(SchemaNotFoundException.class);
    }
    assertThat(registry.requests()).hasSize(1);
    assertThat(client.unknownIdsRemembered()).isEqualTo(1);
    org.awaitility.Awaitility.await("the id forgotten").atMost(Duration.ofSeconds(5)).until(() -> client.unknownIdsRemembered() == 0);

    registry.always(200, ORDER_JSON);
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
        .ignoreException(SchemaNotFoundException.class)
        .until(() -> client.schemaById(99).equals(ORDER));
    assertThat(registry.requests()).hasSizeGreaterThan(1);
  }

  private SchemaRegistryClient client() {
    return new SchemaRegistryClient(registry.uri(), QUICK, Duration.ofSeconds(5));
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}

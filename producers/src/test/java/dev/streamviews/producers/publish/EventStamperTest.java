package dev.streamviews.producers.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamviews.schemas.events.OrderLine;
import dev.streamviews.schemas.events.OrderPlaced;
import dev.streamviews.schemas.topics.Topics;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class EventStamperTest {
  private final EventStamper orders = new EventStamper(Topics.ORDERS);

  @Test
  void keysAndStampsAGeneratedEventByTheTopicsFields() {
    OrderPlaced order = new OrderPlaced("o-1", "c-7", List.of(new OrderLine("sku-001", 2, 350L)), Instant.ofEpochMilli(1_234_567));

    OutgoingEvent event = orders.stamp(order);

    assertThat(event.topic()).isEqualTo("shop.orders");
    assertThat(event.key()).isEqualTo("o-1");
    assertThat(event.timestamp()).isEqualTo(1_234_567L);
    assertThat(event.value()).isSameAs(order);
  }

  @Test
  void findsTheFieldsAgainWhenAnEventComesWithAnotherSchema() {
    // Two versions of the order, the key and time fields at other positions in each: a stamper
    // that kept the first schema's positions would read the customer or the wrong time.
    GenericRecord first = order(SchemaBuilder.record("OrderPlaced").fields()
        .requiredString("orderId").requiredString("customerId").requiredLong("placedAt").endRecord(), "o-1", 100);
    GenericRecord second = order(SchemaBuilder.record("OrderPlaced").fields()
        .requiredLong("placedAt").requiredString("customerId").requiredString("orderId").endRecord(), "o-2", 200);

    OutgoingEvent one = orders.stamp(first);
    OutgoingEvent two = orders.stamp(second);
    OutgoingEvent oneAgain = orders.stamp(first);

    assertThat(List.of(one.key(), two.key(), oneAgain.key())).containsExactly("o-1", "o-2", "o-1");
    assertThat(List.of(one.timestamp(), two.timestamp(), oneAgain.timestamp())).containsExactly(100L, 200L, 100L);
  }

  @Test
  void sameAsOutgoingEventOf() {
    OrderPlaced order = new OrderPlaced("o-9", "c-1", List.of(), Instant.ofEpochMilli(42));

    assertThat(orders.stamp(order)).isEqualTo(OutgoingEvent.of(Topics.ORDERS, order));
  }

  @Test
  void anEventWithoutTheKeyFieldIsRefusedNamingIt() {
    GenericRecord noKey = new GenericData.Record(SchemaBuilder.record("OrderPlaced").fields().requiredLong("placedAt").endRecord());
    noKey.put("placedAt", 1L);

    assertThatThrownBy(() -> orders.stamp(noKey)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("orderId");
  }

  @Test
  void aTopicThatTakesNoEventsIsRefused() {
    assertThatThrownBy(() -> new EventStamper(Topics.ORDER_STATUS_VIEW)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("takes no events");
  }

  private static GenericRecord order(Schema schema, String orderId, long placedAt) {
    GenericRecord order = new GenericData.Record(schema);
    order.put("orderId", orderId);
    order.put("customerId", "c-1");
    order.put("placedAt", placedAt);
    return order;
  }
}

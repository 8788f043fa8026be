package dev.streamviews.producers.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamviews.producers.publish.OutgoingEvent;
import dev.streamviews.schemas.events.OrderPlaced;
import dev.streamviews.schemas.events.PaymentCaptured;
import dev.streamviews.schemas.topics.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShopEventGeneratorTest {
  private static final ShopEventGenerator.Options DEFAULTS = ShopEventGenerator.Options.defaults();

  @Test
  void givesTheSameEventsForTheSameSeed() {
    assertThat(take(new ShopEventGenerator(42, DEFAULTS), 2_000)).isEqualTo(take(new ShopEventGenerator(42, DEFAULTS), 2_000));
  }

  @Test
  void givesDifferentOrdersForDifferentSeeds() {
    Set<String> first = orderIds(take(new ShopEventGenerator(1, DEFAULTS), 1_000));
    Set<String> second = orderIds(take(new ShopEventGenerator(2, DEFAULTS), 1_000));

    assertThat(first).doesNotContainAnyElementsOf(second);
  }

  @Test
  void publishesEveryTopicWithKeysAndTimesFromTheEvents() {
    List<OutgoingEvent> events = take(new ShopEventGenerator(7, DEFAULTS), 5_000);

    assertThat(events).extracting(OutgoingEvent::topic).containsAll(Topics.inputs().stream().map(t -> t.name()).toList());
    for (OutgoingEvent event : events) {
      if (event.value() instanceof OrderPlaced order) {
        assertThat(event.key()).isEqualTo(order.getOrderId());
        assertThat(event.timestamp()).isEqualTo(order.getPlacedAt().toEpochMilli());
        assertThat(order.getLines()).allSatisfy(line -> assertThat(line.getSku()).matches("sku-\\d{3}"));
      }
    }
  }

  @Test
  void ordersOneToFourLinesOfDistinctSkusEachWithOnePrice() {
    Map<String, Long> priceOfSku = new HashMap<>();
    Set<Integer> lineCounts = new HashSet<>();
    for (OutgoingEvent event : take(new ShopEventGenerator(11, DEFAULTS), 20_000)) {
      if (event.value() instanceof OrderPlaced order) {
        List<String> skus = order.getLines().stream().map(line -> line.getSku()).toList();
        assertThat(skus).doesNotHaveDuplicates();
        lineCounts.add(skus.size());
        order.getLines().forEach(line -> assertThat(priceOfSku.computeIfAbsent(line.getSku(), sku -> line.getUnitPriceCents()))
            .as("price of %s", line.getSku()).isEqualTo(line.getUnitPriceCents()));
      }
    }

    assertThat(lineCounts).containsExactlyInAnyOrder(1, 2, 3, 4);
    assertThat(priceOfSku.keySet()).hasSize(200).contains("sku-000", "sku-007", "sku-042", "sku-199");
  }

  @Test
  void paysOnlyForOrdersItPlaces() {
    List<OutgoingEvent> events = take(new ShopEventGenerator(7, DEFAULTS), 5_000);
    Set<String> orders = orderIds(take(new ShopEventGenerator(7, DEFAULTS), 6_000));

    events.stream().filter(e -> e.value() instanceof PaymentCaptured)
        .forEach(e -> assertThat(orders).contains(((PaymentCaptured) e.value()).getOrderId()));
  }

  @Test
  void publishesSomeEventsTwiceAndSomeBeforeEventsThatHappenedEarlier() {
    List<OutgoingEvent> events = take(new ShopEventGenerator(3, DEFAULTS), 10_000);

    Map<OutgoingEvent, Integer> copies = new HashMap<>();
    events.forEach(event -> copies.merge(event, 1, Integer::sum));
    long duplicated = copies.values().stream().filter(n -> n > 1).count();
    assertThat(duplicated).isBetween(300L, 700L); // about 5 % of 10 000

    Map<String, Integer> orderPosition = new HashMap<>();
    int paymentsBeforeTheirOrder = 0;
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).value() instanceof OrderPlaced order) {
        orderPosition.putIfAbsent(order.getOrderId(), i);
      } else if (events.get(i).value() instanceof PaymentCaptured payment && !orderPosition.containsKey(payment.getOrderId())) {
        paymentsBeforeTheirOrder++;
      }
    }
    assertThat(paymentsBeforeTheirOrder).isPositive();
  }

  @Test
  void publishesNoCopiesOrDisorderWhenAskedNotTo() {
    ShopEventGenerator.Options orderly = new ShopEventGenerator.Options(0, 0, DEFAULTS.start());
    List<OutgoingEvent> events = take(new ShopEventGenerator(3, orderly), 5_000);

    assertThat(new HashSet<>(events)).hasSameSizeAs(events);
  }

  @Test
  void givesTheEventsOfTheTopicsAskedForAsAGeneratorOfEveryTopicWould() {
    List<OutgoingEvent> everything = take(new ShopEventGenerator(11, DEFAULTS), 20_000);
    for (Set<String> asked : List.of(Set.of(Topics.ORDERS.name()), Set.of(Topics.PAYMENTS.name()),
        Set.of(Topics.SHIPMENTS.name(), Topics.STOCK_ADJUSTMENTS.name()))) {
      List<OutgoingEvent> expected = everything.stream().filter(event -> asked.contains(event.topic())).toList();

      List<OutgoingEvent> given = take(new ShopEventGenerator(11, DEFAULTS, asked), expected.size());

      assertThat(expected).isNotEmpty();
      assertThat(given).as("events of %s", asked).isEqualTo(expected);
    }
  }

  private static List<OutgoingEvent> take(ShopEventGenerator generator, int count) {
    List<OutgoingEvent> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      events.add(generator.next());
    }
    return events;
  }

  private static Set<String> orderIds(List<OutgoingEvent> events) {
    Set<String> ids = new HashSet<>();
    events.stream().filter(e -> e.value() instanceof OrderPlaced).forEach(e -> ids.add(e.key()));
    return ids;
  }
}

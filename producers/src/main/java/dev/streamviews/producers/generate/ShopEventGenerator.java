package dev.streamviews.producers.generate;

import dev.streamviews.producers.publish.OutgoingEvent;
import dev.streamviews.schemas.events.OrderLine;
import dev.streamviews.schemas.events.OrderPlaced;
import dev.streamviews.schemas.events.PaymentCaptured;
import dev.streamviews.schemas.events.PaymentMethod;
import dev.streamviews.schemas.events.ShipmentStatus;
import dev.streamviews.schemas.events.ShipmentUpdated;
import dev.streamviews.schemas.events.StockAdjusted;
import dev.streamviews.schemas.events.StockAdjustmentReason;
import dev.streamviews.schemas.topics.Topics;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * An endless, reproducible stream of consistent shop events: the same seed gives the same events.
 *
 * <p>Each order comes with its story, in event-time order: the order, then (for most) payments
 * that cover it (some split in two, some partial, some missing), then for paid orders a dispatch
 * and often a delivery, and now and then a restock or damage of a sku it sold. Orders are placed
 * about every 100 ms of event time. A share of events is held back and published a few events
 * later (arriving out of order), and a share is published twice.
 */
public final class ShopEventGenerator implements Iterator<OutgoingEvent> {

  /**
   * @param duplicateShare the share of events published a second time, a little later
   * @param disorderShare the share of events held back and published up to 20 events late
   * @param start the event time of the first order
   */
  public record Options(double duplicateShare, double disorderShare, Instant start) {
    public static Options defaults() {
      return new Options(0.05, 0.10, Instant.parse("2026-11-01T00:00:00Z"));
    }
  }

  private static final int CUSTOMERS = 500;
  private static final int SKUS = 200;
  private static final String[] CARRIERS = {"DHL", "UPS", "PostNL", "DPD"};

  private final SplittableRandom random;
  private final Options options;
  private final String runId;
  private final Deque<OutgoingEvent> story = new ArrayDeque<>();
  private final PriorityQueue<Late> late = new PriorityQueue<>();
  private long emitted;
  private long sequence;
  private int orders;
  private int adjustments;

  /** An event to publish once {@code dueAt} events have been published. */
  private record Late(long dueAt, long sequence, OutgoingEvent event) implements Comparable<Late> {
    @Override
    public int compareTo(Late other) {
      int byDue = Long.compare(dueAt, other.dueAt);
      return byDue != 0 ? byDue : Long.compare(sequence, other.sequence);
    }
  }

  public ShopEventGenerator(long seed, Options options) {
    this.random = new SplittableRandom(seed);
    this.options = options;
    this.runId = Long.toString(seed, 36).replace('-', 'n');
  }

  @Override
  public boolean hasNext() {
    return true;
  }

  @Override
  public OutgoingEvent next() {
    while (true) {
      if (!late.isEmpty() && late.peek().dueAt() <= emitted) {
        return emit(late.poll().event());
      }
      if (story.isEmpty()) {
        tellNextStory();
      }
      OutgoingEvent event = story.poll();
      if (random.nextDouble() < options.disorderShare()) {
        late.add(new Late(emitted + 1 + random.nextInt(20), sequence++, event));
        continue;
      }
      if (random.nextDouble() < options.duplicateShare()) {
        late.add(new Late(emitted + 1 + random.nextInt(50), sequence++, event));
      }
      return emit(event);
    }
  }

  private OutgoingEvent emit(OutgoingEvent event) {
    emitted++;
    return event;
  }

  private void tellNextStory() {
    int number = ++orders;
    String orderId = "o-" + runId + "-" + number;
    long placedAt = options.start().toEpochMilli() + number * 100L + random.nextInt(100);
    OrderPlaced order = new OrderPlaced(orderId, "c-" + (1 + random.nextInt(CUSTOMERS)), lines(), Instant.ofEpochMilli(placedAt));
    List<OutgoingEvent> events = new ArrayList<>();
    events.add(OutgoingEvent.of(Topics.ORDERS, order));

    long total = order.getLines().stream().mapToLong(line -> line.getQuantity() * line.getUnitPriceCents()).sum();
    long paidAt = payments(orderId, total, placedAt, events);
    if (paidAt > 0 && random.nextDouble() < 0.8) {
      long dispatchedAt = paidAt + 60_000 + random.nextInt(240_000);
      events.add(OutgoingEvent.of(Topics.SHIPMENTS, shipment(orderId, ShipmentStatus.DISPATCHED, dispatchedAt)));
      if (random.nextDouble() < 0.6) {
        long deliveredAt = dispatchedAt + 300_000 + random.nextInt(1_500_000);
        events.add(OutgoingEvent.of(Topics.SHIPMENTS, shipment(orderId, ShipmentStatus.DELIVERED, deliveredAt)));
      }
    }
    stockAdjustment(order, placedAt, events);
    events.sort((a, b) -> Long.compare(a.timestamp(), b.timestamp()));
    story.addAll(events);
  }

  private List<OrderLine> lines() {
    int count = 1 + random.nextInt(4);
    Set<Integer> skus = new LinkedHashSet<>();
    while (skus.size() < count) {
      skus.add(random.nextInt(SKUS));
    }
    List<OrderLine> lines = new ArrayList<>();
    for (int sku : skus) {
      lines.add(new OrderLine(sku(sku), 1 + random.nextInt(5), priceOf(sku)));
    }
    return lines;
  }

  /**
   * Most orders are paid in full, in one or two payments; some partly; some not at all.
   *
   * @return when the order became fully paid, or 0 if it did not
   */
  private long payments(String orderId, long total, long placedAt, List<OutgoingEvent> events) {
    double kind = random.nextDouble();
    long first = placedAt + 1_000 + random.nextInt(29_000);
    if (kind < 0.60) {
      events.add(payment(orderId, 1, total, first));
      return first;
    }
    if (kind < 0.80) {
      long part = total * (30 + random.nextInt(41)) / 100;
      long second = first + 30_000 + random.nextInt(60_000);
      events.add(payment(orderId, 1, part, first));
      events.add(payment(orderId, 2, total - part, second));
      return second;
    }
    if (kind < 0.88) {
      events.add(payment(orderId, 1, total / 2, first));
    }
    return 0;
  }

  private OutgoingEvent payment(String orderId, int number, long cents, long at) {
    PaymentMethod method = PaymentMethod.values()[random.nextInt(PaymentMethod.values().length)];
    return OutgoingEvent.of(Topics.PAYMENTS,
        new PaymentCaptured("p-" + orderId.substring(2) + "-" + number, orderId, cents, method, Instant.ofEpochMilli(at)));
  }

  private ShipmentUpdated shipment(String orderId, ShipmentStatus status, long at) {
    return new ShipmentUpdated(orderId, status, CARRIERS[random.nextInt(CARRIERS.length)], Instant.ofEpochMilli(at));
  }

  /** About one order in ten is followed by a restock of one of its skus, one in fifty by damage. */
  private void stockAdjustment(OrderPlaced order, long placedAt, List<OutgoingEvent> events) {
    double kind = random.nextDouble();
    if (kind >= 0.12) {
      return;
    }
    String sku = order.getLines().get(random.nextInt(order.getLines().size())).getSku();
    boolean restock = kind < 0.10;
    int delta = restock ? 20 + random.nextInt(181) : -(1 + random.nextInt(5));
    StockAdjustmentReason reason = restock ? StockAdjustmentReason.RESTOCK : StockAdjustmentReason.DAMAGE;
    String adjustmentId = "adj-" + runId + "-" + (++adjustments);
    events.add(OutgoingEvent.of(Topics.STOCK_ADJUSTMENTS,
        new StockAdjusted(adjustmentId, sku, delta, reason, Instant.ofEpochMilli(placedAt + 1 + random.nextInt(5_000)))));
  }

  /** {@code sku-%03d}, without a Formatter: this runs for every line of every order (figure A of the benchmarks). */
  private static String sku(int index) {
    String digits = Integer.toString(index);
    return digits.length() >= 3 ? "sku-" + digits : "sku-" + "00".substring(digits.length() - 1) + digits;
  }

  /** Every sku has one price, so the same sku costs the same in every order. */
  private static long priceOf(int skuIndex) {
    return 199 + (skuIndex * 7919L) % 19_800;
  }
}

package dev.streamviews.producers.generate;

import dev.streamviews.producers.publish.EventStamper;
import dev.streamviews.producers.publish.OutgoingEvent;
import dev.streamviews.schemas.events.OrderLine;
import dev.streamviews.schemas.events.OrderPlaced;
import dev.streamviews.schemas.events.PaymentCaptured;
import dev.streamviews.schemas.events.PaymentMethod;
import dev.streamviews.schemas.events.ShipmentStatus;
import dev.streamviews.schemas.events.ShipmentUpdated;
import dev.streamviews.schemas.events.StockAdjusted;
import dev.streamviews.schemas.events.StockAdjustmentReason;
import dev.streamviews.schemas.topics.Topic;
import dev.streamviews.schemas.topics.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * An endless, reproducible stream of consistent shop events: the same seed gives the same events.
 *
 * <p>Each order comes with its story, in event-time order: the order, then (for most) payments
 * that cover it (some split in two, some partial, some missing), then for paid orders a dispatch
 * and often a delivery, and now and then a restock or damage of a sku it sold. Orders are placed
 * about every 100 ms of event time. A share of events is held back and published a few events
 * later (arriving out of order), and a share is published twice.
 *
 * <p>A generator asked for some topics only gives the same events of those topics as one asked for
 * all of them, with the same seed: it draws every event's random numbers, but builds only the
 * events it gives (publishing only orders, the others would be two thirds of the work).
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
  /** {@code values()} copies its array on every call. */
  private static final PaymentMethod[] PAYMENT_METHODS = PaymentMethod.values();
  /**
   * Every sku's name, made once. This runs for every line of every order: publishing generated
   * orders (figure A of the benchmarks, docs/BENCHMARKS.md), naming skus, drawing them through a
   * set and totalling lines with a stream took a sixth of the CLI's main thread, hence the plain
   * arrays and loops here.
   */
  private static final String[] SKU_NAMES = IntStream.range(0, SKUS).mapToObj(ShopEventGenerator::skuName).toArray(String[]::new);

  private static final Comparator<Drawn> BY_TIME = Comparator.comparingLong(Drawn::timestamp);

  private final SplittableRandom random;
  private final Options options;
  private final String runId;
  /** One per topic whose events it gives; null for the others, whose events it draws only. */
  private final EventStamper orders;
  private final EventStamper payments;
  private final EventStamper shipments;
  private final EventStamper stockAdjustments;
  /**
   * The events of the order being told, in event-time order, and the next one to give. Reused
   * from one order to the next: it is filled for every order the CLI publishes.
   */
  private final List<Drawn> story = new ArrayList<>();
  private int nextOfStory;
  private final PriorityQueue<Late> late = new PriorityQueue<>();
  private long emitted;
  private long sequence;
  private int ordersTold;
  private int adjustments;

  /** An event of the story, built only if its topic is wanted ({@code event} is null otherwise). */
  private record Drawn(long timestamp, OutgoingEvent event) {}

  /** An event to publish once {@code dueAt} events have been published. */
  private record Late(long dueAt, long sequence, Drawn event) implements Comparable<Late> {
    @Override
    public int compareTo(Late other) {
      int byDue = Long.compare(dueAt, other.dueAt);
      return byDue != 0 ? byDue : Long.compare(sequence, other.sequence);
    }
  }

  /** A generator of the events of all four input topics. */
  public ShopEventGenerator(long seed, Options options) {
    this(seed, options, Set.of(Topics.ORDERS.name(), Topics.PAYMENTS.name(), Topics.SHIPMENTS.name(), Topics.STOCK_ADJUSTMENTS.name()));
  }

  /** @param topics the topics whose events it gives (the names of input topics) */
  public ShopEventGenerator(long seed, Options options, Set<String> topics) {
    this.random = new SplittableRandom(seed);
    this.options = options;
    this.orders = stamperIfWanted(Topics.ORDERS, topics);
    this.payments = stamperIfWanted(Topics.PAYMENTS, topics);
    this.shipments = stamperIfWanted(Topics.SHIPMENTS, topics);
    this.stockAdjustments = stamperIfWanted(Topics.STOCK_ADJUSTMENTS, topics);
    this.runId = Long.toString(seed, 36).replace('-', 'n');
  }

  @Override
  public boolean hasNext() {
    return true;
  }

  @Override
  public OutgoingEvent next() {
    while (true) {
      Drawn due;
      if (!late.isEmpty() && late.peek().dueAt() <= emitted) {
        due = late.poll().event();
      } else {
        if (nextOfStory == story.size()) {
          tellNextStory();
        }
        Drawn event = story.get(nextOfStory++);
        if (random.nextDouble() < options.disorderShare()) {
          late.add(new Late(emitted + 1 + random.nextInt(20), sequence++, event));
          continue;
        }
        if (random.nextDouble() < options.duplicateShare()) {
          late.add(new Late(emitted + 1 + random.nextInt(50), sequence++, event));
        }
        due = event;
      }
      // An event of a topic not wanted still takes its place in the sequence, so that the events
      // given are those a generator of every topic would give.
      emitted++;
      if (due.event() != null) {
        return due.event();
      }
    }
  }

  private void tellNextStory() {
    int number = ++ordersTold;
    String orderId = "o-" + runId + "-" + number;
    long placedAt = options.start().toEpochMilli() + number * 100L + random.nextInt(100);
    OrderPlaced order = new OrderPlaced(orderId, "c-" + (1 + random.nextInt(CUSTOMERS)), lines(), Instant.ofEpochMilli(placedAt));
    story.clear();
    nextOfStory = 0;
    story.add(new Drawn(placedAt, orders == null ? null : orders.stamp(order)));

    long total = 0;
    for (OrderLine line : order.getLines()) {
      total += line.getQuantity() * line.getUnitPriceCents();
    }
    long paidAt = payments(orderId, total, placedAt, story);
    if (paidAt > 0 && random.nextDouble() < 0.8) {
      long dispatchedAt = paidAt + 60_000 + random.nextInt(240_000);
      story.add(shipment(orderId, ShipmentStatus.DISPATCHED, dispatchedAt));
      if (random.nextDouble() < 0.6) {
        long deliveredAt = dispatchedAt + 300_000 + random.nextInt(1_500_000);
        story.add(shipment(orderId, ShipmentStatus.DELIVERED, deliveredAt));
      }
    }
    stockAdjustment(order, placedAt, story);
    story.sort(BY_TIME);
  }

  private static EventStamper stamperIfWanted(Topic<?> topic, Set<String> wanted) {
    return wanted.contains(topic.name()) ? new EventStamper(topic) : null;
  }

  /** One to four lines of distinct skus, in the order drawn. */
  private List<OrderLine> lines() {
    int count = 1 + random.nextInt(4);
    int[] skus = new int[count];
    for (int drawn = 0; drawn < count; ) {
      int sku = random.nextInt(SKUS);
      if (!drawnBefore(skus, drawn, sku)) {
        skus[drawn++] = sku;
      }
    }
    List<OrderLine> lines = new ArrayList<>(count);
    for (int sku : skus) {
      lines.add(new OrderLine(SKU_NAMES[sku], 1 + random.nextInt(5), priceOf(sku)));
    }
    return lines;
  }

  private static boolean drawnBefore(int[] skus, int drawn, int sku) {
    for (int i = 0; i < drawn; i++) {
      if (skus[i] == sku) {
        return true;
      }
    }
    return false;
  }

  /**
   * Most orders are paid in full, in one or two payments; some partly; some not at all.
   *
   * @return when the order became fully paid, or 0 if it did not
   */
  private long payments(String orderId, long total, long placedAt, List<Drawn> events) {
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

  private Drawn payment(String orderId, int number, long cents, long at) {
    PaymentMethod method = PAYMENT_METHODS[random.nextInt(PAYMENT_METHODS.length)];
    // Its random numbers are drawn above whether or not its topic is wanted; it is built only if so.
    return new Drawn(at, payments == null ? null
        : payments.stamp(new PaymentCaptured("p-" + orderId.substring(2) + "-" + number, orderId, cents, method, Instant.ofEpochMilli(at))));
  }

  private Drawn shipment(String orderId, ShipmentStatus status, long at) {
    String carrier = CARRIERS[random.nextInt(CARRIERS.length)];
    return new Drawn(at, shipments == null ? null : shipments.stamp(new ShipmentUpdated(orderId, status, carrier, Instant.ofEpochMilli(at))));
  }

  /** About one order in ten is followed by a restock of one of its skus, one in fifty by damage. */
  private void stockAdjustment(OrderPlaced order, long placedAt, List<Drawn> events) {
    double kind = random.nextDouble();
    if (kind >= 0.12) {
      return;
    }
    String sku = order.getLines().get(random.nextInt(order.getLines().size())).getSku();
    boolean restock = kind < 0.10;
    int delta = restock ? 20 + random.nextInt(181) : -(1 + random.nextInt(5));
    StockAdjustmentReason reason = restock ? StockAdjustmentReason.RESTOCK : StockAdjustmentReason.DAMAGE;
    int number = ++adjustments;
    long at = placedAt + 1 + random.nextInt(5_000);
    events.add(new Drawn(at, stockAdjustments == null ? null
        : stockAdjustments.stamp(new StockAdjusted("adj-" + runId + "-" + number, sku, delta, reason, Instant.ofEpochMilli(at)))));
  }

  /** {@code sku-%03d}, without a Formatter. */
  private static String skuName(int index) {
    String digits = Integer.toString(index);
    return digits.length() >= 3 ? "sku-" + digits : "sku-" + "00".substring(digits.length() - 1) + digits;
  }

  /** Every sku has one price, so the same sku costs the same in every order. */
  private static long priceOf(int skuIndex) {
    return 199 + (skuIndex * 7919L) % 19_800;
  }
}

package dev.streamviews.sinks.routing;

import dev.streamviews.sinks.config.ViewServiceSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One circuit breaker per processor instance; each exposed as {@code streamviews_breaker_open{endpoint}}. */
@Singleton
public class CircuitBreakers {
  private final ViewServiceSettings settings;
  private final MeterRegistry meters;
  private final Map<Endpoint, CircuitBreaker> breakers = new ConcurrentHashMap<>();

  public CircuitBreakers(ViewServiceSettings settings, MeterRegistry meters) {
    this.settings = settings;
    this.meters = meters;
  }

  public CircuitBreaker of(Endpoint endpoint) {
    return breakers.computeIfAbsent(endpoint, e -> {
      CircuitBreaker breaker = new CircuitBreaker(settings.breakerFailures(), settings.breakerOpenFor(), Clock.systemUTC());
      Gauge.builder("streamviews.breaker.open", breaker, b -> b.state() == CircuitBreaker.State.OPEN ? 1 : 0)
          .description("1 while calls to the processor instance are cut off after repeated failures")
          .tag("endpoint", e.toString()).register(meters);
      return breaker;
    });
  }

  public boolean allowsCall(Endpoint endpoint) {
    return of(endpoint).allowsCall();
  }

  /** The next of the copies, in the order given, whose breaker lets a call through; null if none does. */
  public Endpoint firstCallable(Iterator<Endpoint> copies) {
    while (copies.hasNext()) {
      Endpoint copy = copies.next();
      if (allowsCall(copy)) {
        return copy;
      }
    }
    return null;
  }

  /** Whether the breaker would let a call through (without taking the half-open trial). */
  public boolean isOpen(Endpoint endpoint) {
    return of(endpoint).state() == CircuitBreaker.State.OPEN;
  }
}

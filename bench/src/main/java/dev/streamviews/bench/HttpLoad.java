package dev.streamviews.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A closed-loop HTTP load generator: {@code connections} workers, each sending its next GET as soon
 * as the last one is answered, over keep-alive HTTP/1.1, for a fixed time after a warm-up. The same
 * generator drives ours and the reference, so its own cost weighs on both alike.
 */
final class HttpLoad {
  /**
   * What a load run saw.
   *
   * @param cpuMillisPerRequest CPU time per answered request of each process the meter watched, over the measured window
   */
  record Result(double requestsPerSecond, double p50Millis, double p99Millis, long non200, Map<String, Double> cpuMillisPerRequest) {}

  private HttpLoad() {}

  static Result run(Supplier<URI> next, int connections, Duration warmUp, Duration measured, CpuMeter cpu) throws InterruptedException {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    AtomicLong non200 = new AtomicLong();
    long[][] latencies = new long[connections][];
    int[] counts = new int[connections];
    ExecutorService workers = Executors.newFixedThreadPool(connections);
    long measureFrom = System.nanoTime() + warmUp.toNanos();
    long until = measureFrom + measured.toNanos();
    for (int w = 0; w < connections; w++) {
      int worker = w;
      latencies[worker] = new long[1 << 16];
      workers.execute(() -> {
        while (System.nanoTime() < until) {
          long started = System.nanoTime();
          int status;
          try {
            status = client.send(HttpRequest.newBuilder(next.get()).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
          } catch (IOException e) {
            status = 0;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
          long ended = System.nanoTime();
          if (started >= measureFrom && ended <= until) {
            if (status != 200) {
              non200.incrementAndGet();
            }
            if (counts[worker] == latencies[worker].length) {
              latencies[worker] = Arrays.copyOf(latencies[worker], counts[worker] * 2);
            }
            latencies[worker][counts[worker]++] = ended - started;
          }
        }
      });
    }
    workers.shutdown();
    sleepUntil(measureFrom);
    cpu.start();
    sleepUntil(until);
    Map<String, Duration> used = cpu.stop();
    if (!workers.awaitTermination(warmUp.plus(measured).toSeconds() + 30, TimeUnit.SECONDS)) {
      workers.shutdownNow();
    }
    long total = Arrays.stream(counts).sum();
    long[] all = new long[(int) total];
    int at = 0;
    for (int w = 0; w < connections; w++) {
      System.arraycopy(latencies[w], 0, all, at, counts[w]);
      at += counts[w];
    }
    Arrays.sort(all);
    Map<String, Double> perRequest = new LinkedHashMap<>();
    used.forEach((name, time) -> perRequest.put(name, total == 0 ? 0 : time.toNanos() / 1e6 / total));
    return new Result(total / (measured.toNanos() / 1e9), percentile(all, 0.50), percentile(all, 0.99), non200.get(), perRequest);
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long left = nanoTime - System.nanoTime();
    if (left > 0) {
      Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
    }
  }

  static double percentile(long[] sortedNanos, double quantile) {
    if (sortedNanos.length == 0) {
      return 0;
    }
    int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(quantile * sortedNanos.length) - 1);
    return sortedNanos[Math.max(0, index)] / 1e6;
  }

  /** Random picks from the keys, each made a URI by the prefix. */
  static Supplier<URI> randomKeys(URI base, String pathPrefix, List<String> keys) {
    return () -> base.resolve(pathPrefix + keys.get(ThreadLocalRandom.current().nextInt(keys.size())));
  }
}

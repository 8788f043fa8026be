package dev.streamviews.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/** Reads a service's /prometheus endpoint. */
final class Prometheus {
  private Prometheus() {}

  /** The samples whose line starts with the metric name and contains every given fragment (such as a label). */
  static List<Double> samples(URI service, String metric, String... fragments) {
    try {
      String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(service.resolve("/prometheus")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      return text.lines()
          .filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
          .filter(line -> List.of(fragments).stream().allMatch(line::contains))
          .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The sample lines (name, labels, value) of the metric, for messages. */
  static List<String> lines(List<URI> services, String metric) {
    return services.stream().flatMap(service -> {
      try {
        String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(service.resolve("/prometheus")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        return text.lines().filter(line -> line.startsWith(metric + "{"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  static double sum(URI service, String metric, String... fragments) {
    return samples(service, metric, fragments).stream().mapToDouble(Double::doubleValue).sum();
  }

  /** The metric summed over several services (every processor of the pipeline, say). */
  static double sum(List<URI> services, String metric, String... fragments) {
    return services.stream().mapToDouble(service -> sum(service, metric, fragments)).sum();
  }

  static List<Double> samples(List<URI> services, String metric, String... fragments) {
    return services.stream().flatMap(service -> samples(service, metric, fragments).stream()).toList();
  }
}

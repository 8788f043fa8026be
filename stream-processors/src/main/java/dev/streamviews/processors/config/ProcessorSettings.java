package dev.streamviews.processors.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.Map;

/**
 * The processor's settings, from {@code application.yml} under {@code streamviews.processor};
 * each is overridable by an environment variable (see application.yml).
 *
 * @param applicationId Kafka Streams application id: instances with the same id share the work
 * @param queryHost the host other services reach this instance's query API on (its application.server)
 * @param queryPort the port of the query API
 * @param queryBindHost the address the query API listens on; the query host when not set
 * @param skuSalesGraceMs how long after its minute an order line still counts in sku-sales-per-minute
 * @param streams any further Kafka Streams configs, passed through as they are
 */
@ConfigurationProperties("streamviews.processor")
public record ProcessorSettings(
    String applicationId,
    String bootstrapServers,
    String schemaRegistryUrl,
    String stateDir,
    String queryHost,
    int queryPort,
    @io.micronaut.core.annotation.Nullable String queryBindHost,
    @Bindable(defaultValue = "0") int standbyReplicas,
    @Bindable(defaultValue = "1") int streamThreads,
    @Bindable(defaultValue = "1") int replicationFactor,
    @Bindable(defaultValue = "100") long commitIntervalMs,
    @Bindable(defaultValue = "60000") long skuSalesGraceMs,
    Map<String, String> streams) {

  public ProcessorSettings {
    streams = streams == null ? Map.of() : Map.copyOf(streams);
  }

  public String queryBindHost() {
    return queryBindHost == null || queryBindHost.isBlank() ? queryHost : queryBindHost;
  }

  /** The application.server Kafka Streams advertises: where this instance answers queries. */
  public String applicationServer() {
    return queryHost + ":" + queryPort;
  }
}

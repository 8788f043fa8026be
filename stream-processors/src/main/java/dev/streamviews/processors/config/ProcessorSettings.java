package dev.streamviews.processors.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.MapFormat;
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
 * @param sessionTimeoutMs how long the group waits for a silent instance before moving its partitions
 * @param probingRebalanceIntervalMs how often the group checks whether warmed-up copies can take over
 * @param readyMaxLag the input lag (records) above which the instance says it is not ready
 * @param maxStandbyLag how far behind its changelog (records) a standby copy may be and still answer
 *     queries, marked stale; further behind, it says it cannot answer now
 * @param retireAfterMs how long a version replaced by a rebuilt one keeps answering queries (so
 *     every view service has switched before it goes), before it stops and its local state is wiped
 * @param streams any further Kafka Streams configs, passed through as they are (for example
 *     {@code -Dstreamviews.processor.streams.restore.consumer.max.poll.records=500})
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
    @Bindable(defaultValue = "2") int streamThreads,
    @Bindable(defaultValue = "1") int replicationFactor,
    @Bindable(defaultValue = "100") long commitIntervalMs,
    @Bindable(defaultValue = "60000") long skuSalesGraceMs,
    @Bindable(defaultValue = "10000") int sessionTimeoutMs,
    @Bindable(defaultValue = "60000") long probingRebalanceIntervalMs,
    @Bindable(defaultValue = "10000") long readyMaxLag,
    @Bindable(defaultValue = "10000") long maxStandbyLag,
    @Bindable(defaultValue = "30000") long retireAfterMs,
    @MapFormat(transformation = MapFormat.MapTransformation.FLAT) Map<String, String> streams) {

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

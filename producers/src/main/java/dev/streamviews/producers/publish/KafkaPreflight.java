package dev.streamviews.producers.publish;

import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Checks, before anything is sent, that Kafka answers and that the topics exist, so a user gets
 * one clear line instead of a producer blocking and timing out record by record.
 */
public final class KafkaPreflight {
  private KafkaPreflight() {}

  /** @throws IllegalStateException saying what is wrong, in one line */
  public static void requireTopics(String bootstrapServers, Collection<String> topics, long timeoutMillis) {
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMillis);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeoutMillis);
    try (Admin admin = Admin.create(config)) {
      Set<String> existing = admin.listTopics().names().get(timeoutMillis, TimeUnit.MILLISECONDS);
      List<String> missing = topics.stream().filter(topic -> !existing.contains(topic)).toList();
      if (!missing.isEmpty()) {
        throw new IllegalStateException("topic " + String.join(", ", missing) + " does not exist on Kafka at "
            + bootstrapServers + "; create the topics with scripts/topics create");
      }
    } catch (TimeoutException | ExecutionException e) {
      throw new IllegalStateException("cannot reach Kafka at " + bootstrapServers + " (no answer within "
          + timeoutMillis / 1000 + " s)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking Kafka at " + bootstrapServers);
    }
  }
}

package dev.streamviews.schemas.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Where command-line tools find Kafka, the schema registry and the view service: an environment
 * variable if set, else {@code streamviews-endpoints.properties}. A tool's own flag wins over both.
 */
public final class Endpoints {
  private static final Properties DEFAULTS = load();

  private Endpoints() {}

  public static String bootstrapServers() {
    return resolve("STREAMVIEWS_BOOTSTRAP_SERVERS", "bootstrap.servers");
  }

  public static String schemaRegistryUrl() {
    return resolve("STREAMVIEWS_SCHEMA_REGISTRY_URL", "schema.registry.url");
  }

  public static String viewServiceUrl() {
    return resolve("STREAMVIEWS_VIEW_SERVICE_URL", "view.service.url");
  }

  /** The flag's value if given, else {@code fallback}. */
  public static String orDefault(String flag, String fallback) {
    return flag == null || flag.isBlank() ? fallback : flag;
  }

  private static String resolve(String environmentVariable, String key) {
    String fromEnvironment = System.getenv(environmentVariable);
    return fromEnvironment == null || fromEnvironment.isBlank() ? DEFAULTS.getProperty(key) : fromEnvironment;
  }

  private static Properties load() {
    Properties properties = new Properties();
    try (InputStream in = Endpoints.class.getResourceAsStream("/streamviews-endpoints.properties")) {
      if (in == null) {
        throw new IllegalStateException("streamviews-endpoints.properties is missing from the classpath");
      }
      properties.load(in);
      return properties;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.streamviews.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A client of the Confluent Schema Registry REST API, written against its documentation (the
 * Confluent jars are not on Maven Central). Works with this project's registry and Confluent's.
 *
 * <p>Ids and schemas never change once assigned, so both are cached for good. Ids the registry
 * does not know are remembered for {@code unknownIdTtl}, so a burst of records carrying a bogus id
 * costs one request, yet a schema registered late is found soon after.
 */
public final class SchemaRegistryClient implements SchemaRegistry {
  private final RegistryHttp http;
  private final Duration unknownIdTtl;
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();
  private final Map<Integer, Long> unknownIdsUntilNanos = new ConcurrentHashMap<>();

  public SchemaRegistryClient(URI baseUri) {
    this(baseUri, RetryPolicy.defaults(), Duration.ofSeconds(5));
  }

  public SchemaRegistryClient(URI baseUri, RetryPolicy retryPolicy, Duration unknownIdTtl) {
    this.http = new RegistryHttp(baseUri, retryPolicy);
    this.unknownIdTtl = unknownIdTtl;
  }

  public URI baseUri() {
    return http.baseUri();
  }

  @Override
  public int register(String subject, Schema schema) {
    Integer cached = cachedId(subject, schema);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = http.post("subjects/" + encode(subject) + "/versions", Map.of("schema", schema.toString()));
    return remember(subject, schema, answer.path("id").asInt());
  }

  @Override
  public int idOf(String subject, Schema schema) {
    Integer cached = cachedId(subject, schema);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = http.post("subjects/" + encode(subject), Map.of("schema", schema.toString()));
    return remember(subject, schema, answer.path("id").asInt());
  }

  @Override
  public Schema schemaById(int id) {
    Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    Long unknownUntil = unknownIdsUntilNanos.get(id);
    if (unknownUntil != null && System.nanoTime() - unknownUntil < 0) {
      throw new SchemaNotFoundException(404, 40403, "schema id " + id + " not found (remembered)");
    }
    try {
      JsonNode answer = http.get("schemas/ids/" + id);
      Schema schema = new Schema.Parser().parse(answer.path("schema").asText());
      schemasById.put(id, schema);
      unknownIdsUntilNanos.remove(id);
      return schema;
    } catch (SchemaNotFoundException e) {
      unknownIdsUntilNanos.put(id, System.nanoTime() + unknownIdTtl.toNanos());
      throw e;
    }
  }

  /**
   * How many schema ids the registry answered "not found" for and this client still remembers so,
   * not asking again until {@code unknownIdTtl} after the last answer: an operator sees why records
   * with a newly registered id keep being dead-lettered for a few seconds.
   */
  public int unknownIdsRemembered() {
    long now = System.nanoTime();
    return (int) unknownIdsUntilNanos.values().stream().filter(until -> now - until < 0).count();
  }

  /** Sets a subject's compatibility level, for example {@code BACKWARD_TRANSITIVE}. */
  public void setCompatibility(String subject, String level) {
    http.put("config/" + encode(subject), Map.of("compatibility", level));
  }

  /** The subject's compatibility level, or the global one when the subject has none of its own. */
  public String compatibility(String subject) {
    return http.get("config/" + encode(subject) + "?defaultToGlobal=true").path("compatibilityLevel").asText();
  }

  private Integer cachedId(String subject, Schema schema) {
    Map<Schema, Integer> ids = idsBySubject.get(subject);
    return ids == null ? null : ids.get(schema);
  }

  private int remember(String subject, Schema schema, int id) {
    idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>()).put(schema, id);
    schemasById.putIfAbsent(id, schema);
    return id;
  }

  private static String encode(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8);
  }
}

package dev.streamviews.sinks.api;

import dev.streamviews.schemas.control.Versions;
import dev.streamviews.schemas.topics.View;
import io.micronaut.core.annotation.Nullable;
import dev.streamviews.schemas.topics.ViewShape;
import io.micronaut.serde.annotation.Serdeable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * What {@code GET /views} says of a view: its shape, what its key is, the fields of its value
 * with their types, how to ask for a key, and the compacted topic the serving version emits it to
 * (null until the serving version is known).
 */
@Serdeable
public record ViewDescription(String name, String shape, String key, Map<String, String> fields, Map<String, String> queries,
    @Nullable String topic) {

  static ViewDescription of(View<?> view, int version) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (Schema.Field field : view.topic().valueSchema().getFields()) {
      fields.put(field.name(), typeOf(field.schema()));
    }
    String key = "/views/" + view.name() + "/{" + view.keyName() + "}";
    Map<String, String> queries = view.shape() == ViewShape.WINDOWED
        ? Map.of("windows", key + "/windows?from=&to=")
        : Map.of("key", key, "range", "/views/" + view.name() + "?from=&to=&limit=&cursor=");
    return new ViewDescription(view.name(), view.shape().name().toLowerCase().replace('_', '-'), view.keyName(), fields, queries,
        version == 0 ? null : Versions.viewTopic(view.topic().name(), version));
  }

  private static String typeOf(Schema schema) {
    if (schema.getType() == Schema.Type.UNION) {
      return schema.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst()
          .map(t -> typeOf(t) + " (optional)").orElse("null");
    }
    if (schema.getLogicalType() != null && schema.getLogicalType().getName().startsWith("timestamp")) {
      return "timestamp (ISO-8601)";
    }
    if (schema.getType() == Schema.Type.ENUM) {
      return "one of " + schema.getEnumSymbols();
    }
    return schema.getType().getName();
  }
}

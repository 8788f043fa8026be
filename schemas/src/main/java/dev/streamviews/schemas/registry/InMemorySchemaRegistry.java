package dev.streamviews.schemas.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * A schema registry held in memory, for unit tests of serdes and topologies that run without a
 * broker. Like the real one, a schema has one id in every subject. It checks no compatibility:
 * integration tests exercise the real registry over HTTP for that.
 */
public final class InMemorySchemaRegistry implements SchemaRegistry {
  private final Map<Schema, Integer> idsBySchema = new HashMap<>();
  private final List<Schema> schemasById = new ArrayList<>();
  private final Map<String, List<Schema>> subjects = new HashMap<>();

  @Override
  public synchronized int register(String subject, Schema schema) {
    List<Schema> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
    if (!versions.contains(schema)) {
      versions.add(schema);
    }
    return idsBySchema.computeIfAbsent(schema, s -> {
      schemasById.add(s);
      return schemasById.size();
    });
  }

  @Override
  public synchronized int idOf(String subject, Schema schema) {
    if (!subjects.getOrDefault(subject, List.of()).contains(schema)) {
      throw new SchemaNotFoundException(404, 40403, "schema not found under subject " + subject);
    }
    return idsBySchema.get(schema);
  }

  @Override
  public synchronized Schema schemaById(int id) {
    if (id < 1 || id > schemasById.size()) {
      throw new SchemaNotFoundException(404, 40403, "schema id " + id + " not found");
    }
    return schemasById.get(id - 1);
  }

  /** The subjects registered so far. */
  public synchronized List<String> subjects() {
    return List.copyOf(subjects.keySet());
  }
}

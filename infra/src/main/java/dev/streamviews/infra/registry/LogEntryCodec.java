package dev.streamviews.infra.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Log entries as JSON key and value strings; a null value is a tombstone. */
final class LogEntryCodec {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Encoded(String key, String value) {}

  private LogEntryCodec() {}

  static Encoded encode(LogEntry entry) {
    ObjectNode key = JSON.createObjectNode();
    ObjectNode value = JSON.createObjectNode();
    if (entry instanceof LogEntry.Version v) {
      SchemaVersion version = v.version();
      key.put("keytype", "SCHEMA").put("subject", version.subject()).put("version", version.version());
      value.put("subject", version.subject()).put("version", version.version()).put("id", version.id())
          .put("schema", version.schema()).put("deleted", version.deleted());
    } else if (entry instanceof LogEntry.VersionRemoved r) {
      key.put("keytype", "SCHEMA").put("subject", r.subject()).put("version", r.version());
      value = null;
    } else if (entry instanceof LogEntry.Level l) {
      key.put("keytype", "CONFIG").put("subject", l.subject());
      value = l.level() == null ? null : value.put("compatibilityLevel", l.level().name());
    } else if (entry instanceof LogEntry.NextId n) {
      key.put("keytype", "NEXT_ID");
      value.put("next", n.next());
    }
    return new Encoded(key.toString(), value == null ? null : value.toString());
  }

  static LogEntry decode(String keyJson, String valueJson) {
    try {
      JsonNode key = JSON.readTree(keyJson);
      JsonNode value = valueJson == null ? null : JSON.readTree(valueJson);
      String subject = key.hasNonNull("subject") ? key.get("subject").asText() : null;
      return switch (key.path("keytype").asText()) {
        case "SCHEMA" -> value == null
            ? new LogEntry.VersionRemoved(subject, key.path("version").asInt())
            : new LogEntry.Version(new SchemaVersion(value.path("subject").asText(), value.path("version").asInt(),
                value.path("id").asInt(), value.path("schema").asText(), value.path("deleted").asBoolean()));
        case "CONFIG" -> new LogEntry.Level(subject,
            value == null ? null : CompatibilityLevel.valueOf(value.path("compatibilityLevel").asText()));
        case "NEXT_ID" -> new LogEntry.NextId(value.path("next").asInt());
        default -> throw new IllegalArgumentException("unknown key type in schema log: " + keyJson);
      };
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable schema log entry " + keyJson, e);
    }
  }
}

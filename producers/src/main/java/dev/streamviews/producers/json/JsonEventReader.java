package dev.streamviews.producers.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Reads an event written as plain JSON with the Avro field names into a record of its schema.
 * Friendlier than Avro's own JSON encoding: a {@code timestamp-millis} field takes an ISO-8601
 * instant or epoch milliseconds, an enum its symbol, an optional field a value or nothing (no
 * {@code {"string": ...}} union wrappers). Unknown fields are refused, so a typo is not lost.
 */
public final class JsonEventReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Schema schema;

  public JsonEventReader(Schema schema) {
    this.schema = schema;
  }

  /** Parses one line of JSON into a record of the schema. */
  public GenericRecord read(String json) throws InvalidEventException {
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidEventException("", "not valid JSON: " + e.getOriginalMessage());
    }
    return (GenericRecord) convert(node, schema, "");
  }

  private Object convert(JsonNode node, Schema type, String path) throws InvalidEventException {
    switch (type.getType()) {
      case RECORD:
        return record(node, type, path);
      case UNION:
        return union(node, type, path);
      case STRING:
        require(node.isTextual(), path, "expected a string", node);
        return node.asText();
      case INT:
        require(node.isIntegralNumber() && node.canConvertToInt(), path, "expected an integer (int)", node);
        return node.intValue();
      case LONG:
        return type.getLogicalType() instanceof LogicalTypes.TimestampMillis ? instant(node, path) : longValue(node, path);
      case ENUM:
        require(node.isTextual() && type.hasEnumSymbol(node.asText()), path,
            "expected one of " + type.getEnumSymbols(), node);
        return new GenericData.EnumSymbol(type, node.asText());
      case ARRAY:
        return array(node, type, path);
      case MAP:
        return map(node, type, path);
      case BOOLEAN:
        require(node.isBoolean(), path, "expected true or false", node);
        return node.booleanValue();
      case DOUBLE:
      case FLOAT:
        require(node.isNumber(), path, "expected a number", node);
        return type.getType() == Schema.Type.FLOAT ? (Object) node.floatValue() : (Object) node.doubleValue();
      case NULL:
        require(node.isNull(), path, "expected null", node);
        return null;
      default:
        throw new InvalidEventException(path, "fields of type " + type.getType() + " cannot be given in JSON here");
    }
  }

  private GenericRecord record(JsonNode node, Schema type, String path) throws InvalidEventException {
    require(node.isObject(), path, "expected a JSON object", node);
    Set<String> known = type.getFields().stream().map(Schema.Field::name).collect(Collectors.toSet());
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new InvalidEventException(join(path, name), "unknown field; " + type.getName() + " has " + known);
      }
    }
    GenericData.Record record = new GenericData.Record(type);
    for (Schema.Field field : type.getFields()) {
      JsonNode value = node.get(field.name());
      String fieldPath = join(path, field.name());
      if (value == null || value.isNull()) {
        record.put(field.pos(), absent(field, fieldPath, value != null));
      } else {
        record.put(field.pos(), convert(value, field.schema(), fieldPath));
      }
    }
    return record;
  }

  /** A field left out takes its default; null is allowed only where the schema allows it. */
  private static Object absent(Schema.Field field, String path, boolean explicitNull) throws InvalidEventException {
    if (field.schema().isNullable()) {
      return explicitNull || !field.hasDefaultValue() ? null : GenericData.get().getDefaultValue(field);
    }
    if (!explicitNull && field.hasDefaultValue()) {
      return GenericData.get().getDefaultValue(field);
    }
    throw new InvalidEventException(path, explicitNull ? "may not be null" : "is required but missing");
  }

  private Object union(JsonNode node, Schema type, String path) throws InvalidEventException {
    InvalidEventException firstProblem = null;
    for (Schema branch : type.getTypes()) {
      if (branch.getType() == Schema.Type.NULL) {
        continue;
      }
      try {
        return convert(node, branch, path);
      } catch (InvalidEventException e) {
        firstProblem = firstProblem == null ? e : firstProblem;
      }
    }
    throw firstProblem != null ? firstProblem : new InvalidEventException(path, "expected null");
  }

  private List<Object> array(JsonNode node, Schema type, String path) throws InvalidEventException {
    require(node.isArray(), path, "expected a JSON array", node);
    List<Object> items = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      items.add(convert(node.get(i), type.getElementType(), path + "[" + i + "]"));
    }
    return new GenericData.Array<>(type, items);
  }

  private Map<String, Object> map(JsonNode node, Schema type, String path) throws InvalidEventException {
    require(node.isObject(), path, "expected a JSON object", node);
    Map<String, Object> entries = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      entries.put(entry.getKey(), convert(entry.getValue(), type.getValueType(), join(path, entry.getKey())));
    }
    return entries;
  }

  private static long longValue(JsonNode node, String path) throws InvalidEventException {
    require(node.isIntegralNumber() && node.canConvertToLong(), path, "expected an integer (long)", node);
    return node.longValue();
  }

  private static long instant(JsonNode node, String path) throws InvalidEventException {
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.longValue();
    }
    require(node.isTextual(), path, "expected an ISO-8601 instant or epoch milliseconds", node);
    try {
      return Instant.parse(node.asText()).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new InvalidEventException(path, "expected an ISO-8601 instant such as 2026-11-01T10:15:30Z or epoch milliseconds, got \""
          + node.asText() + "\"");
    }
  }

  private static void require(boolean condition, String path, String expectation, JsonNode node)
      throws InvalidEventException {
    if (!condition) {
      throw new InvalidEventException(path, expectation + ", got " + abbreviate(node.toString()));
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}

package dev.streamviews.infra.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Confluent Schema Registry REST API over {@link RegistryService}: the paths, bodies, error
 * codes and content type its clients expect.
 */
final class RegistryRoutes implements HttpHandler {
  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final Logger log = LoggerFactory.getLogger(RegistryRoutes.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RegistryService registry;

  RegistryRoutes(RegistryService registry) {
    this.registry = registry;
  }

  /** What a route answers: a status and a body written as JSON (or as is, for a raw schema). */
  private record Reply(int status, Object body, boolean rawJson) {
    static Reply ok(Object body) {
      return new Reply(200, body, false);
    }
  }

  /** The parts of a request a route reads. */
  private record Call(String method, List<String> path, Map<String, String> query, JsonNode body) {
    String segment(int index) {
      return path.get(index);
    }

    boolean flag(String name) {
      return Boolean.parseBoolean(query.getOrDefault(name, "false"));
    }

    boolean is(String httpMethod, String... pattern) {
      if (!method.equals(httpMethod) || pattern.length != path.size()) {
        return false;
      }
      for (int i = 0; i < pattern.length; i++) {
        if (!pattern[i].equals("*") && !pattern[i].equals(path.get(i))) {
          return false;
        }
      }
      return true;
    }

    String schemaText() {
      if (body == null || !body.isObject()) {
        throw RegistryError.unprocessable("the request body must be a JSON object with a \"schema\" field");
      }
      String type = body.path("schemaType").asText("AVRO");
      if (!"AVRO".equals(type)) {
        throw RegistryError.invalidSchema("schema type " + type + " is not supported; only AVRO is");
      }
      if (body.path("references").size() > 0) {
        throw RegistryError.invalidSchema("schema references are not supported");
      }
      return body.path("schema").isTextual() ? body.path("schema").asText() : null;
    }
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Reply reply;
    try {
      reply = route(read(exchange));
    } catch (RegistryError e) {
      reply = new Reply(e.httpStatus, Map.of("error_code", e.errorCode, "message", e.getMessage()), false);
    } catch (RuntimeException e) {
      log.error("Unexpected failure answering {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
      reply = new Reply(500, Map.of("error_code", 50001, "message", "Error in the backend data store"), false);
    }
    write(exchange, reply);
  }

  private Reply route(Call call) {
    if (call.path().isEmpty()) {
      return Reply.ok(Map.of());
    }
    return switch (call.segment(0)) {
      case "subjects" -> subjects(call);
      case "schemas" -> schemas(call);
      case "config" -> config(call);
      case "compatibility" -> compatibility(call);
      default -> throw RegistryError.notFound("/" + String.join("/", call.path()));
    };
  }

  private Reply subjects(Call call) {
    if (call.is("GET", "subjects")) {
      return Reply.ok(registry.subjects(call.flag("deleted")));
    }
    if (call.is("POST", "subjects", "*")) {
      return Reply.ok(versionBody(registry.lookup(call.segment(1), call.schemaText())));
    }
    if (call.is("DELETE", "subjects", "*")) {
      return Reply.ok(registry.deleteSubject(call.segment(1), call.flag("permanent")));
    }
    if (call.is("GET", "subjects", "*", "versions")) {
      return Reply.ok(registry.versionNumbers(call.segment(1), call.flag("deleted")));
    }
    if (call.is("POST", "subjects", "*", "versions")) {
      return Reply.ok(Map.of("id", registry.register(call.segment(1), call.schemaText())));
    }
    if (call.is("GET", "subjects", "*", "versions", "*")) {
      return Reply.ok(versionBody(registry.version(call.segment(1), call.segment(3), call.flag("deleted"))));
    }
    if (call.is("GET", "subjects", "*", "versions", "*", "schema")) {
      return new Reply(200, registry.version(call.segment(1), call.segment(3), call.flag("deleted")).schema(), true);
    }
    if (call.is("DELETE", "subjects", "*", "versions", "*")) {
      return Reply.ok(registry.deleteVersion(call.segment(1), call.segment(3), call.flag("permanent")));
    }
    throw unmatched(call);
  }

  private Reply schemas(Call call) {
    if (call.is("GET", "schemas", "types")) {
      return Reply.ok(List.of("AVRO"));
    }
    if (call.is("GET", "schemas", "ids", "*")) {
      return Reply.ok(Map.of("schema", registry.schemaById(schemaId(call.segment(2)))));
    }
    if (call.is("GET", "schemas", "ids", "*", "schema")) {
      return new Reply(200, registry.schemaById(schemaId(call.segment(2))), true);
    }
    if (call.is("GET", "schemas", "ids", "*", "versions")) {
      List<Map<String, Object>> uses = new ArrayList<>();
      for (SchemaVersion version : registry.versionsUsing(schemaId(call.segment(2)))) {
        uses.add(Map.of("subject", version.subject(), "version", version.version()));
      }
      return Reply.ok(uses);
    }
    throw unmatched(call);
  }

  private Reply config(Call call) {
    if (call.is("GET", "config")) {
      return Reply.ok(Map.of("compatibilityLevel", registry.globalLevel().name()));
    }
    if (call.is("PUT", "config")) {
      CompatibilityLevel level = requestedLevel(call);
      registry.setLevel(null, level);
      return Reply.ok(Map.of("compatibility", level.name()));
    }
    if (call.is("GET", "config", "*")) {
      String subject = call.segment(1);
      CompatibilityLevel level = call.flag("defaultToGlobal")
          ? registry.levelOf(subject)
          : registry.subjectLevel(subject).orElseThrow(() -> RegistryError.subjectLevelNotConfigured(subject));
      return Reply.ok(Map.of("compatibilityLevel", level.name()));
    }
    if (call.is("PUT", "config", "*")) {
      CompatibilityLevel level = requestedLevel(call);
      registry.setLevel(call.segment(1), level);
      return Reply.ok(Map.of("compatibility", level.name()));
    }
    if (call.is("DELETE", "config", "*")) {
      return Reply.ok(Map.of("compatibilityLevel", registry.removeSubjectLevel(call.segment(1)).name()));
    }
    throw unmatched(call);
  }

  private Reply compatibility(Call call) {
    List<String> problems;
    if (call.is("POST", "compatibility", "subjects", "*", "versions", "*")) {
      problems = registry.compatibilityProblems(call.segment(2), call.segment(4), call.schemaText());
    } else if (call.is("POST", "compatibility", "subjects", "*", "versions")) {
      problems = registry.compatibilityProblems(call.segment(2), null, call.schemaText());
    } else {
      throw unmatched(call);
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("is_compatible", problems.isEmpty());
    if (call.flag("verbose")) {
      answer.put("messages", problems);
    }
    return Reply.ok(answer);
  }

  private static Map<String, Object> versionBody(SchemaVersion version) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("subject", version.subject());
    body.put("version", version.version());
    body.put("id", version.id());
    body.put("schema", version.schema());
    return body;
  }

  private static CompatibilityLevel requestedLevel(Call call) {
    String text = call.body() == null ? null : call.body().path("compatibility").asText(null);
    if (text == null) {
      throw RegistryError.invalidCompatibilityLevel("(missing)");
    }
    return CompatibilityLevel.parse(text).orElseThrow(() -> RegistryError.invalidCompatibilityLevel(text));
  }

  private static int schemaId(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw RegistryError.schemaNotFound("id " + text);
    }
  }

  private static RegistryError unmatched(Call call) {
    return !List.of("GET", "POST", "PUT", "DELETE").contains(call.method())
        ? RegistryError.methodNotAllowed(call.method())
        : RegistryError.notFound("/" + String.join("/", call.path()));
  }

  private static Call read(HttpExchange exchange) throws IOException {
    List<String> path = new ArrayList<>();
    for (String segment : exchange.getRequestURI().getRawPath().split("/")) {
      if (!segment.isEmpty()) {
        path.add(decode(segment));
      }
    }
    Map<String, String> query = new HashMap<>();
    String rawQuery = exchange.getRequestURI().getRawQuery();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        query.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "true" : decode(pair.substring(eq + 1)));
      }
    }
    JsonNode body = null;
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readAllBytes();
      if (bytes.length > 0) {
        try {
          body = JSON.readTree(bytes);
        } catch (IOException e) {
          throw RegistryError.unprocessable("the request body is not valid JSON");
        }
      }
    }
    return new Call(exchange.getRequestMethod(), path, query, body);
  }

  /** Path segments are URL-encoded; a '+' in a path is a plus, not a space. */
  private static String decode(String segment) {
    return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static void write(HttpExchange exchange, Reply reply) throws IOException {
    byte[] body = reply.rawJson()
        ? ((String) reply.body()).getBytes(StandardCharsets.UTF_8)
        : JSON.writeValueAsBytes(reply.body());
    exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
    exchange.sendResponseHeaders(reply.status(), body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }
}

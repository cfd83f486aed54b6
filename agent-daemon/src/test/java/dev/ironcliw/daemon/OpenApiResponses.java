package dev.ironcliw.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import dev.ironcliw.daemon.api.ApiServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks the daemon's JSON responses against the OpenAPI document it serves: a response to a
 * documented route must have a documented status, and its body must match that status's schema. The
 * schemas are read closed: an object whose schema lists its properties may have no other, so a
 * field renamed or added in code and not in the document fails the test that received it. Every
 * test that talks to a daemon through {@link DaemonProcess} checks its responses this way.
 */
final class OpenApiResponses {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNode DOCUMENT = closed(load());
  private static final SchemaRegistry SCHEMAS =
      SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30());
  private static final Map<String, Schema> COMPILED = new ConcurrentHashMap<>();

  private OpenApiResponses() {}

  private static JsonNode load() {
    try (InputStream in = ApiServer.class.getResourceAsStream(ApiServer.OPENAPI_RESOURCE)) {
      return new ObjectMapper(new YAMLFactory()).readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code node} with {@code additionalProperties: false} in every schema that lists properties.
   */
  private static JsonNode closed(JsonNode node) {
    if (node instanceof ObjectNode object) {
      if (object.has("properties")
          && object.get("properties").isObject()
          && !object.has("additionalProperties")) {
        object.set("additionalProperties", BooleanNode.FALSE);
      }
      object.properties().forEach(e -> closed(e.getValue()));
    } else if (node.isArray()) {
      node.forEach(OpenApiResponses::closed);
    }
    return node;
  }

  /**
   * Fails when a response of a documented route has an undocumented status, or a JSON body its
   * schema does not allow; responses of undocumented paths (a 404 for a made-up path) and bodies
   * that are not JSON (images, the event stream, metrics) are left alone.
   *
   * @param pathAndQuery as requested, e.g. {@code /api/v1/frames/12?x=1}
   */
  static void check(
      String method, String pathAndQuery, int status, String contentType, String body) {
    String path = pathAndQuery.split("\\?", 2)[0];
    String template = template(path);
    if (template == null) {
      return;
    }
    String verb = method.toLowerCase(Locale.ROOT);
    JsonNode operation = DOCUMENT.path("paths").path(template).path(verb);
    if (operation.isMissingNode()) {
      return; // a method the route does not have: the 404/405 of the router
    }
    JsonNode response = operation.path("responses").path(Integer.toString(status));
    if (response.isMissingNode()) {
      throw new AssertionError(
          method
              + " "
              + pathAndQuery
              + " answered "
              + status
              + ", which the OpenAPI document"
              + " does not list for "
              + method
              + " "
              + template
              + ": "
              + body);
    }
    if (contentType == null || !contentType.startsWith("application/json")) {
      return;
    }
    String pointer = resolve(response).isMissingNode() ? null : pointerOf(template, verb, status);
    if (pointer == null) {
      return;
    }
    Schema schema = COMPILED.computeIfAbsent(pointer, OpenApiResponses::compile);
    if (schema == null) {
      return;
    }
    List<Error> errors;
    try {
      errors = schema.validate(JSON.readTree(body));
    } catch (IOException e) {
      throw new AssertionError(method + " " + pathAndQuery + " sent JSON that does not parse", e);
    }
    if (!errors.isEmpty()) {
      throw new AssertionError(
          method
              + " "
              + pathAndQuery
              + " "
              + status
              + " does not match the OpenAPI document: "
              + errors
              + "\nbody: "
              + body);
    }
  }

  /** The document's path template that {@code path} fills in, or null. */
  private static String template(String path) {
    for (Map.Entry<String, JsonNode> entry : DOCUMENT.path("paths").properties()) {
      String regex = entry.getKey().replaceAll("\\{[^}]+}", "[^/]+");
      if (path.matches(regex)) {
        return entry.getKey();
      }
    }
    return null;
  }

  private static JsonNode resolve(JsonNode node) {
    JsonNode ref = node.get("$ref");
    return ref == null ? node : DOCUMENT.at(ref.asText().substring(1));
  }

  /** Where the JSON schema of that response is in the document, or null when it has none. */
  private static String pointerOf(String template, String verb, int status) {
    JsonNode response =
        resolve(
            DOCUMENT
                .path("paths")
                .path(template)
                .path(verb)
                .path("responses")
                .path(Integer.toString(status)));
    JsonNode schema = response.path("content").path("application/json").path("schema");
    return schema.isMissingNode() ? null : template + " " + verb + " " + status;
  }

  /** The schema at {@code key} ("template verb status"), with the components it refers to. */
  private static Schema compile(String key) {
    String[] parts = key.split(" ");
    JsonNode response =
        resolve(
            DOCUMENT.path("paths").path(parts[0]).path(parts[1]).path("responses").path(parts[2]));
    ObjectNode root = response.path("content").path("application/json").path("schema").deepCopy();
    root.set("components", DOCUMENT.get("components"));
    return SCHEMAS.getSchema(root);
  }
}

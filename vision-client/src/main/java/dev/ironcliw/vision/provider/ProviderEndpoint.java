package dev.ironcliw.vision.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;

/**
 * What the provider formats share: one endpoint under a base URL, a model, an optional key kept out
 * of everything but its header, and JSON bodies.
 */
abstract class ProviderEndpoint implements ProviderProtocol {
  static final ObjectMapper JSON = new ObjectMapper();

  final URI endpoint;
  final String model;
  final ApiKey key;

  /**
   * @param baseUrl the provider's base URL, with or without a trailing slash
   * @param path the endpoint's path under it
   * @param key the key, or null for a server that takes none
   */
  ProviderEndpoint(URI baseUrl, String path, String model, ApiKey key) {
    String base = baseUrl.toString();
    this.endpoint = URI.create(base.endsWith("/") ? base + path : base + "/" + path);
    this.model = model;
    this.key = key;
  }

  @Override
  public final String model() {
    return model;
  }

  @Override
  public final String redact(String text) {
    return key == null ? text : key.redactFrom(text);
  }

  /** A request body with the model and the reply's token limit filled in. */
  final ObjectNode newBody(VisionRequest request) {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", model);
    body.put("max_tokens", request.maxOutputTokens());
    return body;
  }

  /** The body as a JSON object, or a {@link MalformedReplyException} naming what it was. */
  static JsonNode parseObject(String body) throws MalformedReplyException {
    try {
      JsonNode root = JSON.readTree(body);
      if (root == null || !root.isObject()) {
        throw new MalformedReplyException("a reply body that is not a JSON object", body);
      }
      return root;
    } catch (JsonProcessingException e) {
      throw new MalformedReplyException(
          "a reply body that is not JSON: " + e.getOriginalMessage(), body);
    }
  }
}

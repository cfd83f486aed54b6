package dev.ironcliw.vision.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Base64;

/**
 * Anthropic's Messages API: {@code POST {baseUrl}/v1/messages} with the key in {@code x-api-key},
 * the API version in {@code anthropic-version}, and one user message whose content is the images as
 * base64 {@code image} blocks followed by a {@code text} block; the reply's text is in its {@code
 * text} content blocks, the token counts in {@code usage}.
 */
public final class AnthropicMessages extends ProviderEndpoint {
  /** The API version this format follows. */
  public static final String API_VERSION = "2023-06-01";

  /**
   * @param baseUrl e.g. {@code https://api.anthropic.com}
   */
  public AnthropicMessages(URI baseUrl, String model, ApiKey key) {
    super(baseUrl, "v1/messages", model, key);
  }

  @Override
  public String name() {
    return "anthropic";
  }

  @Override
  public HttpRequest.Builder request(VisionRequest request) {
    ObjectNode body = newBody(request);
    body.put("system", request.system());
    ArrayNode content =
        body.putArray("messages").addObject().put("role", "user").putArray("content");
    Base64.Encoder base64 = Base64.getEncoder();
    for (EncodedImage image : request.images()) {
      ObjectNode source = content.addObject().put("type", "image").putObject("source");
      source.put("type", "base64");
      source.put("media_type", image.mediaType());
      source.put("data", base64.encodeToString(image.bytes()));
    }
    content.addObject().put("type", "text").put("text", request.text());
    return HttpRequest.newBuilder(endpoint)
        .header("x-api-key", key.reveal())
        .header("anthropic-version", API_VERSION)
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
  }

  @Override
  public ProviderReply reply(String body) throws MalformedReplyException {
    JsonNode root = parseObject(body);
    JsonNode content = root.path("content");
    if (!content.isArray()) {
      throw new MalformedReplyException("an Anthropic reply without a content array", body);
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode block : content) {
      if (block.path("type").asText().equals("text")) {
        text.append(block.path("text").asText());
      }
    }
    if (text.isEmpty()) {
      throw new MalformedReplyException("an Anthropic reply with no text block", body);
    }
    JsonNode usage = root.path("usage");
    return new ProviderReply(
        text.toString(), usage.path("input_tokens").asLong(), usage.path("output_tokens").asLong());
  }
}

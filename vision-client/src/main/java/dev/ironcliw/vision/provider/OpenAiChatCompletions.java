package dev.ironcliw.vision.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Base64;

/**
 * The OpenAI Chat Completions API as OpenAI, Ollama, LM Studio and vLLM serve it: {@code POST
 * {baseUrl}/chat/completions}, the key (when there is one) as a bearer token, a system message and
 * one user message whose content is a {@code text} part followed by the images as {@code image_url}
 * parts holding data URLs; the reply is {@code choices[0].message.content}, the token counts in
 * {@code usage}.
 */
public final class OpenAiChatCompletions extends ProviderEndpoint {
  /**
   * @param baseUrl e.g. {@code https://api.openai.com/v1} or {@code http://localhost:11434/v1}
   * @param key the bearer token, or null for a local server that takes none
   */
  public OpenAiChatCompletions(URI baseUrl, String model, ApiKey key) {
    super(baseUrl, "chat/completions", model, key);
  }

  @Override
  public String name() {
    return "openai";
  }

  @Override
  public HttpRequest.Builder request(VisionRequest request) {
    ObjectNode body = newBody(request);
    ArrayNode messages = body.putArray("messages");
    messages.addObject().put("role", "system").put("content", request.system());
    ArrayNode content = messages.addObject().put("role", "user").putArray("content");
    content.addObject().put("type", "text").put("text", request.text());
    Base64.Encoder base64 = Base64.getEncoder();
    for (EncodedImage image : request.images()) {
      content
          .addObject()
          .put("type", "image_url")
          .putObject("image_url")
          .put(
              "url",
              "data:" + image.mediaType() + ";base64," + base64.encodeToString(image.bytes()));
    }
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(endpoint)
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (key != null) {
      builder.header("authorization", "Bearer " + key.reveal());
    }
    return builder;
  }

  @Override
  public ProviderReply reply(String body) throws MalformedReplyException {
    JsonNode root = parseObject(body);
    JsonNode content = root.path("choices").path(0).path("message").path("content");
    if (!content.isTextual() || content.asText().isEmpty()) {
      throw new MalformedReplyException(
          "an OpenAI-compatible reply without choices[0].message.content", body);
    }
    JsonNode usage = root.path("usage");
    return new ProviderReply(
        content.asText(),
        usage.path("prompt_tokens").asLong(),
        usage.path("completion_tokens").asLong());
  }
}

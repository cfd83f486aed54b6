package dev.ironcliw.vision.provider;

import java.net.http.HttpRequest;

/** One provider's documented wire format: how a request is written and a reply read. */
public interface ProviderProtocol {
  /** {@code anthropic} or {@code openai}, for status and logs. */
  String name();

  /** The model asked for. */
  String model();

  /** The complete HTTP request (URI, headers with the key, JSON body) for {@code request}. */
  HttpRequest.Builder request(VisionRequest request);

  /** {@code text} with the API key, if any, replaced by {@code ***}: for bodies kept or shown. */
  String redact(String text);

  /** The reply text and token counts of a 2xx body. */
  ProviderReply reply(String body) throws MalformedReplyException;
}

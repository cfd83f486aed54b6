package dev.ironcliw.benchmarks.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import javax.imageio.ImageIO;

/**
 * A local server that speaks Anthropic's Messages API (the daemon's provider, pointed here by
 * {@code vision.anthropic.baseUrl}) and measures each request instead of judging it: its images'
 * sizes, whether each is the whole screen, and how much of its text is the text read off the
 * screen. It answers every request with the same valid insight, billing the tokens it estimates
 * ({@link #imageTokens}, {@link #textTokens}).
 */
final class MeasuringAnthropicStub implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INSIGHT =
      "{\"activity\": \"editing text\", \"app\": \"editor\", \"needsHelp\": false,"
          + " \"suggestion\": \"\", \"confidence\": 0.5}";

  /**
   * One request as measured.
   *
   * @param phase what the screen was doing when it arrived
   * @param crops the changed areas' images, {@code [width, height]} each
   * @param contexts the whole-screen images
   * @param screenTextChars characters between the screen-text tags
   * @param otherTextChars the rest of the text (the instruction and the images' descriptions)
   */
  record Request(
      String phase,
      List<int[]> crops,
      List<int[]> contexts,
      int screenTextChars,
      int otherTextChars) {
    long cropTokens() {
      return crops.stream().mapToLong(s -> imageTokens(s[0], s[1])).sum();
    }

    long contextTokens() {
      return contexts.stream().mapToLong(s -> imageTokens(s[0], s[1])).sum();
    }
  }

  /** Anthropic's documented estimate for an image within its size limits: pixels / 750. */
  static long imageTokens(int width, int height) {
    return Math.round(width * (double) height / 750);
  }

  /** A rough estimate for English text: four characters a token. */
  static long textTokens(int chars) {
    return Math.round(chars / 4.0);
  }

  private final HttpServer server;
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

  MeasuringAnthropicStub(Supplier<String> phase) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext(
        "/v1/messages",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          String reply;
          int status;
          try {
            Request r = measure(phase.get(), JSON.readTree(body));
            requests.add(r);
            long input =
                r.cropTokens()
                    + r.contextTokens()
                    + textTokens(r.screenTextChars() + r.otherTextChars());
            reply = reply(input);
            status = 200;
          } catch (RuntimeException | IOException e) {
            reply = "{\"type\":\"error\",\"error\":{\"message\":\"" + e + "\"}}";
            status = 400;
          }
          byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  private static Request measure(String phase, JsonNode body) throws IOException {
    List<BufferedImage> images = new ArrayList<>();
    String text = "";
    for (JsonNode block : body.path("messages").get(0).path("content")) {
      if (block.path("type").asText().equals("image")) {
        byte[] bytes = Base64.getDecoder().decode(block.path("source").path("data").asText());
        images.add(ImageIO.read(new ByteArrayInputStream(bytes)));
      } else {
        text += block.path("text").asText();
      }
    }
    // "Image N: ..., the whole WxH screen" names the context images.
    List<int[]> crops = new ArrayList<>();
    List<int[]> contexts = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      int[] size = {images.get(i).getWidth(), images.get(i).getHeight()};
      String named = "Image " + (i + 1) + ":";
      boolean whole = text.lines().anyMatch(l -> l.startsWith(named) && l.contains("the whole"));
      (whole ? contexts : crops).add(size);
    }
    int open = text.indexOf("<screen-text>");
    int close = text.indexOf("</screen-text>");
    int screen = open < 0 || close < 0 ? 0 : close - open - "<screen-text>".length();
    String system = body.path("system").asText();
    return new Request(phase, crops, contexts, screen, system.length() + text.length() - screen);
  }

  private static String reply(long inputTokens) throws IOException {
    return JSON.writeValueAsString(
        JSON.createObjectNode()
            .put("id", "msg_bench")
            .put("type", "message")
            .put("role", "assistant")
            .put("model", "claude-bench")
            .put("stop_reason", "end_turn")
            .<com.fasterxml.jackson.databind.node.ObjectNode>set(
                "content",
                JSON.createArrayNode()
                    .add(JSON.createObjectNode().put("type", "text").put("text", INSIGHT)))
            .set(
                "usage",
                JSON.createObjectNode().put("input_tokens", inputTokens).put("output_tokens", 40)));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

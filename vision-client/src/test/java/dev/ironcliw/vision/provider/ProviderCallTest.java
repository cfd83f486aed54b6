package dev.ironcliw.vision.provider;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironcliw.flow.Backoff;
import dev.ironcliw.vision.InsightParser;
import dev.ironcliw.vision.provider.StubProviderServer.Reply;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Both providers' wire formats and the caller's flow control, against real stub HTTP servers. */
class ProviderCallTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ApiKey KEY = ApiKey.of("sk-test-0123456789abcdef");
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 9, 8, 7, 6};
  private static final VisionRequest REQUEST =
      new VisionRequest(
          "system text",
          "two crops",
          List.of(
              new EncodedImage(PNG, "image/png", 40, 20),
              new EncodedImage(JPEG, "image/jpeg", 320, 180)),
          300);
  private static final String INSIGHT =
      "```json\\n{\\\"activity\\\": \\\"editing code\\\", \\\"app\\\": \\\"xterm\\\","
          + " \\\"needsHelp\\\": false, \\\"suggestion\\\": \\\"\\\", \\\"confidence\\\": 0.8}\\n```";
  private static final String ANTHROPIC_OK =
      "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-test\","
          + "\"content\":[{\"type\":\"text\",\"text\":\""
          + INSIGHT
          + "\"}],\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":1234,"
          + "\"output_tokens\":56}}";
  private static final String OPENAI_OK =
      "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"gpt-test\",\"choices\":"
          + "[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
          + INSIGHT
          + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":900,"
          + "\"completion_tokens\":40,\"total_tokens\":940}}";
  private static final String SERVER_ERROR =
      "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal server error\"}}";

  private static VisionCaller caller(ProviderProtocol protocol, int attempts, int toOpen) {
    return new VisionCaller(
        protocol,
        new VisionCaller.Limits(
            Duration.ofSeconds(2), Duration.ofMillis(800), attempts, Duration.ofSeconds(5)),
        new Backoff(Duration.ofMillis(20), Duration.ofMillis(100), new SplittableRandom(1)),
        new CircuitBreaker(toOpen, Duration.ofMinutes(1), System::nanoTime));
  }

  private static VisionCaller anthropic(StubProviderServer stub, int attempts) {
    return caller(new AnthropicMessages(stub.uri(""), "claude-test", KEY), attempts, 10);
  }

  private static VisionCallException failure(VisionCaller caller) throws Exception {
    try {
      caller.call(REQUEST).get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return assertInstanceOf(VisionCallException.class, e.getCause());
    }
    throw new AssertionError("the call succeeded");
  }

  @Test
  void shouldSendAnthropicMessagesAsDocumentedAndReadTheReply() throws Exception {
    try (StubProviderServer stub = new StubProviderServer(Reply.json(200, ANTHROPIC_OK))) {
      ProviderReply reply = anthropic(stub, 1).call(REQUEST).get(30, TimeUnit.SECONDS);

      StubProviderServer.Received got = stub.received().getFirst();
      assertEquals("POST", got.method());
      assertEquals("/v1/messages", got.path());
      assertEquals(KEY.reveal(), got.header("x-api-key"));
      assertEquals("2023-06-01", got.header("anthropic-version"));
      assertEquals("application/json", got.header("content-type"));
      JsonNode body = JSON.readTree(got.body());
      assertEquals("claude-test", body.path("model").asText());
      assertEquals(300, body.path("max_tokens").asInt());
      assertEquals("system text", body.path("system").asText());
      JsonNode content = body.path("messages").path(0).path("content");
      assertEquals("user", body.path("messages").path(0).path("role").asText());
      assertEquals(3, content.size(), "two image blocks, then the text");
      assertImageBlock(content.path(0), "image/png", PNG);
      assertImageBlock(content.path(1), "image/jpeg", JPEG);
      assertEquals("two crops", content.path(2).path("text").asText());

      assertEquals(1234, reply.inputTokens());
      assertEquals(56, reply.outputTokens());
      InsightParser.Result insight = InsightParser.parse(reply.text());
      assertEquals(
          "editing code",
          assertInstanceOf(InsightParser.Result.Valid.class, insight).insight().activity());
    }
  }

  private static void assertImageBlock(JsonNode block, String mediaType, byte[] bytes) {
    assertEquals("image", block.path("type").asText());
    assertEquals("base64", block.path("source").path("type").asText());
    assertEquals(mediaType, block.path("source").path("media_type").asText());
    assertArrayEquals(
        bytes, Base64.getDecoder().decode(block.path("source").path("data").asText()));
  }

  @Test
  void shouldSendOpenAiChatCompletionsAsDocumentedAndReadTheReply() throws Exception {
    try (StubProviderServer stub = new StubProviderServer(Reply.json(200, OPENAI_OK))) {
      VisionCaller caller =
          caller(new OpenAiChatCompletions(stub.uri("/v1/"), "gpt-test", KEY), 1, 10);
      ProviderReply reply = caller.call(REQUEST).get(30, TimeUnit.SECONDS);

      StubProviderServer.Received got = stub.received().getFirst();
      assertEquals("/v1/chat/completions", got.path());
      assertEquals("Bearer " + KEY.reveal(), got.header("authorization"));
      JsonNode body = JSON.readTree(got.body());
      assertEquals("gpt-test", body.path("model").asText());
      assertEquals(300, body.path("max_tokens").asInt());
      assertEquals("system", body.path("messages").path(0).path("role").asText());
      assertEquals("system text", body.path("messages").path(0).path("content").asText());
      JsonNode content = body.path("messages").path(1).path("content");
      assertEquals("text", content.path(0).path("type").asText());
      assertEquals("two crops", content.path(0).path("text").asText());
      assertDataUrl(content.path(1), "image/png", PNG);
      assertDataUrl(content.path(2), "image/jpeg", JPEG);

      assertEquals(900, reply.inputTokens());
      assertEquals(40, reply.outputTokens());
      assertInstanceOf(InsightParser.Result.Valid.class, InsightParser.parse(reply.text()));
    }
  }

  private static void assertDataUrl(JsonNode part, String mediaType, byte[] bytes) {
    assertEquals("image_url", part.path("type").asText());
    String url = part.path("image_url").path("url").asText();
    String prefix = "data:" + mediaType + ";base64,";
    assertTrue(url.startsWith(prefix), url);
    assertArrayEquals(bytes, Base64.getDecoder().decode(url.substring(prefix.length())));
  }

  @Test
  void shouldSendNoAuthorizationToALocalServerWithoutAKey() throws Exception {
    try (StubProviderServer stub = new StubProviderServer(Reply.json(200, OPENAI_OK))) {
      caller(new OpenAiChatCompletions(stub.uri("/v1"), "llava", null), 1, 10)
          .call(REQUEST)
          .get(30, TimeUnit.SECONDS);
      assertNull(stub.received().getFirst().header("authorization"));
    }
  }

  @Test
  void shouldSendNothingOnceTheDestinationIsNoLongerTrusted() throws Exception {
    try (StubProviderServer stub = new StubProviderServer(Reply.json(200, OPENAI_OK))) {
      VisionCaller caller =
          new VisionCaller(
              new OpenAiChatCompletions(stub.uri("/v1"), "llava", null),
              new VisionCaller.Limits(
                  Duration.ofSeconds(2), Duration.ofMillis(800), 3, Duration.ofSeconds(5)),
              new Backoff(Duration.ofMillis(20), Duration.ofMillis(100), new SplittableRandom(1)),
              new CircuitBreaker(10, Duration.ofMinutes(1), System::nanoTime),
              () -> "the socket listening on port 11434 belongs to uid 65534, not 1000");
      VisionCallException e = failure(caller);
      assertEquals(VisionCallException.Kind.UNTRUSTED, e.kind());
      assertTrue(e.getMessage().contains("uid 65534"), e.getMessage());
      assertEquals(0, stub.received().size(), "no request was made");
    }
  }

  @Test
  void shouldWaitWhatRetryAfterAsksOn429ThenSucceed() throws Exception {
    try (StubProviderServer stub =
        new StubProviderServer(
            Reply.json(429, "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\"}}")
                .withHeader("retry-after", "1"),
            Reply.json(200, ANTHROPIC_OK))) {
      VisionCaller caller = anthropic(stub, 3);
      caller.call(REQUEST).get(30, TimeUnit.SECONDS);

      List<StubProviderServer.Received> got = stub.received();
      assertEquals(2, got.size());
      long waitedMs = (got.get(1).atNanos() - got.get(0).atNanos()) / 1_000_000;
      assertTrue(waitedMs >= 950, "Retry-After: 1 honoured, waited " + waitedMs + " ms");
      assertEquals(1, caller.retries());
    }
  }

  @Test
  void shouldRetry5xxAnd529ThenSucceed() throws Exception {
    try (StubProviderServer stub =
        new StubProviderServer(
            Reply.json(500, SERVER_ERROR),
            Reply.json(529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\"}}"),
            Reply.json(200, ANTHROPIC_OK))) {
      VisionCaller caller = anthropic(stub, 3);
      assertEquals(56, caller.call(REQUEST).get(30, TimeUnit.SECONDS).outputTokens());
      assertEquals(3, stub.received().size());
    }
  }

  @Test
  void shouldGiveUpAfterMaxAttemptsOfServerErrors() throws Exception {
    try (StubProviderServer stub = new StubProviderServer(Reply.json(500, SERVER_ERROR))) {
      VisionCaller caller = anthropic(stub, 3);
      VisionCallException e = failure(caller);
      assertEquals(VisionCallException.Kind.UNAVAILABLE, e.kind());
      assertEquals(500, e.status());
      assertEquals("anthropic: HTTP 500: Internal server error", e.getMessage());
      assertEquals(3, stub.received().size());
      assertEquals(1, caller.failures(VisionCallException.Kind.UNAVAILABLE));
    }
  }

  @Test
  void shouldTimeOutASlowReply() throws Exception {
    try (StubProviderServer stub =
        new StubProviderServer(Reply.json(200, ANTHROPIC_OK).after(3_000))) {
      VisionCallException e = failure(anthropic(stub, 1));
      assertEquals(VisionCallException.Kind.TIMEOUT, e.kind());
      assertEquals("anthropic: no complete reply within 800 ms", e.getMessage());
    }
  }

  @Test
  void shouldKeepAMalformedReplyRawAndNotRetryIt() throws Exception {
    try (StubProviderServer stub =
        new StubProviderServer(Reply.json(200, "<html>gateway says hello</html>"))) {
      VisionCallException e = failure(anthropic(stub, 3));
      assertEquals(VisionCallException.Kind.MALFORMED, e.kind());
      assertEquals("<html>gateway says hello</html>", e.rawBody());
      assertEquals(1, stub.received().size(), "a malformed reply is not paid for twice");
    }
  }

  @Test
  void shouldRetryADroppedConnection() throws Exception {
    try (StubProviderServer stub =
        new StubProviderServer(Reply.dropped(), Reply.json(200, ANTHROPIC_OK))) {
      assertEquals(56, anthropic(stub, 2).call(REQUEST).get(30, TimeUnit.SECONDS).outputTokens());
      assertEquals(2, stub.received().size());
    }
    try (StubProviderServer stub = new StubProviderServer(Reply.dropped())) {
      assertEquals(VisionCallException.Kind.CONNECTION, failure(anthropic(stub, 2)).kind());
    }
  }

  @Test
  void shouldNotRetryARefusalAndNeverShowTheKey() throws Exception {
    String echo =
        "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid"
            + " x-api-key "
            + KEY.reveal()
            + "\"}}";
    try (StubProviderServer stub = new StubProviderServer(Reply.json(401, echo))) {
      VisionCallException e = failure(anthropic(stub, 3));
      assertEquals(VisionCallException.Kind.REFUSED, e.kind());
      assertEquals(1, stub.received().size());
      assertEquals("anthropic: HTTP 401: invalid x-api-key ***", e.getMessage());
      assertFalse(e.rawBody().contains(KEY.reveal()), e.rawBody());
      assertEquals("***", KEY.toString());
    }
  }

  @Test
  void shouldOpenTheBreakerAfterRepeatedFailuresAndStopCalling() throws Exception {
    try (StubProviderServer stub = new StubProviderServer(Reply.json(503, SERVER_ERROR))) {
      VisionCaller caller = caller(new AnthropicMessages(stub.uri(""), "claude-test", KEY), 1, 2);
      failure(caller);
      failure(caller);
      assertEquals(CircuitBreaker.State.OPEN, caller.breaker().state());
      VisionCallException e = failure(caller);
      assertEquals(VisionCallException.Kind.BREAKER_OPEN, e.kind());
      assertEquals(2, stub.received().size(), "no call while open");
    }
  }
}

package dev.ironcliw.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ironcliw.daemon.api.ApiServer;
import dev.ironcliw.daemon.pipeline.PipelineStage;
import dev.ironcliw.testing.Waits;
import dev.ironcliw.vision.provider.StubProviderServer;
import dev.ironcliw.vision.provider.StubProviderServer.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route of the API over real HTTP against one running daemon (synthetic desktop, a stub
 * Anthropic server), with every documented error, the security checks and a fuzz of the query
 * parameters.
 */
class DaemonApiTest {
  private static final String INSIGHT =
      "{\"activity\": \"typing quarterly figures\", \"app\": \"spreadsheet\", \"needsHelp\":"
          + " false, \"suggestion\": \"sum the column\", \"confidence\": 0.6}";

  @TempDir static Path dir;
  private static StubProviderServer stub;
  private static DaemonProcess daemon;
  private static String token;

  @BeforeAll
  static void start() throws Exception {
    stub =
        new StubProviderServer(
            Reply.json(200, StubProviderServer.anthropicReply(INSIGHT, 10, 10)).after(50));
    Path config = dir.resolve("ironcliw.yaml");
    Files.writeString(
        config,
        DaemonProcess.SMALL_DESKTOP_YAML
            + "history:\n  keyframes:\n    maxLongEdge: 160\n    minInterval: 500ms\n"
            + "vision:\n  provider: anthropic\n  batch:\n    size: 2\n    maxWait: 200ms\n"
            + "  anthropic:\n    baseUrl: "
            + stub.uri("")
            + "\n");
    daemon =
        DaemonProcess.start(
                null,
                dir.resolve("data"),
                DaemonProcess.freePort(),
                Map.of("ANTHROPIC_API_KEY", "sk-ant-api-test"),
                "--config",
                config.toString(),
                "--source",
                "synthetic")
            .awaitReady();
    token = daemon.token();
    daemon.awaitStatus(
        s -> s.getJsonObject("vision").getLong("insights") >= 1, Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() throws Exception {
    if (daemon != null) {
      assertEquals(0, daemon.terminate(), daemon.output());
      daemon.close();
    }
    if (stub != null) {
      stub.close();
    }
  }

  private static JsonObject json(HttpResponse<String> response) {
    return new JsonObject(response.body());
  }

  private static void assertError(
      HttpResponse<String> response, int status, String code, String messagePart) {
    assertEquals(status, response.statusCode(), response.body());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
    JsonObject error = json(response).getJsonObject("error");
    assertEquals(code, error.getString("code"), response.body());
    assertTrue(error.getString("message").contains(messagePart), response.body());
  }

  private static HttpResponse<String> post(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(daemon.uri(path))
                .header("Authorization", "Bearer " + daemon.token())
                .POST(
                    path.equals("/mcp") // the MCP endpoint takes a JSON-RPC message
                        ? HttpRequest.BodyPublishers.ofString(
                            "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"ping\"}")
                        : HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void shouldAnswerEveryRouteTheOpenApiDocumentLists() throws Exception {
    HttpResponse<String> served = daemon.get("/api/v1/openapi.yaml");
    assertEquals(200, served.statusCode());
    try (InputStream packaged = ApiServer.class.getResourceAsStream(ApiServer.OPENAPI_RESOURCE)) {
      assertEquals(new String(packaged.readAllBytes(), StandardCharsets.UTF_8), served.body());
    }
    JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(served.body());
    long seq = daemon.status().getJsonObject("frames").getLong("lastSeq");
    TreeMap<String, Integer> answers = new TreeMap<>();
    for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
      String target =
          path.getKey()
                  .replace("{seq}", Long.toString(seq))
                  .replace("{key}", "capture.fps")
                  .replace("{file}", "main.js")
              + (path.getKey().endsWith("/search") ? "?q=typing" : "")
              + (path.getKey().endsWith("/proof") ? "?nonce=" + "ab".repeat(16) : "")
              + (path.getKey().endsWith("/timeline")
                  ? "?from=2026-01-01T00:00:00Z&to=2200-01-01T00:00:00Z"
                  : "")
              + (path.getKey().endsWith("/moment") ? "?at=2200-01-01T00:00:00Z" : "");
      for (String method : iterable(path.getValue().fieldNames())) {
        int status =
            switch (method) {
              case "get" ->
                  target.endsWith("/stream") ? openStream() : daemon.get(target).statusCode();
              case "post" -> post(target).statusCode();
              case "put" -> daemon.put(target, "{\"value\": 20}").statusCode();
              // An application that never had the focus: nothing the other tests need goes.
              case "delete" -> daemon.delete(target + "?app=never-focused").statusCode();
              default -> throw new AssertionError("undocumented method " + method);
            };
        answers.put(method.toUpperCase(java.util.Locale.ROOT) + " " + target, status);
      }
    }
    token = daemon.token(); // POST /api/v1/token/rotate made a new one
    System.out.println("every documented route: " + answers);
    answers.forEach((route, status) -> assertEquals(200, status, route));
    assertEquals(30, answers.size(), answers.toString());
    post("/api/v1/resume");
  }

  /**
   * Issue 20: a seeded fuzz of every route's parameters as the OpenAPI document lists them (query
   * parameters, path parameters and PUT bodies): never a 5xx, every error a JSON one, and a 400 for
   * a single bad parameter names it. Token rotation is left out (it is its own test), and the event
   * stream gets only values it must refuse (a good one streams until closed).
   */
  @Test
  void shouldAnswerEveryRoutesParametersWithoutA5xxAndNameTheOneThatIsWrong() throws Exception {
    JsonNode doc =
        new ObjectMapper(new YAMLFactory()).readTree(daemon.get("/api/v1/openapi.yaml").body());
    List<Route> routes = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
      for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
        List<String> params = new ArrayList<>();
        List<String> required = new ArrayList<>();
        for (JsonNode p : op.getValue().path("parameters")) {
          JsonNode param = p.has("$ref") ? doc.at(p.get("$ref").asText().substring(1)) : p;
          if (param.path("in").asText().equals("query")) {
            params.add(param.get("name").asText());
            if (param.path("required").asBoolean()) {
              required.add(param.get("name").asText());
            }
          }
        }
        if (!path.getKey().endsWith("/token/rotate")) {
          routes.add(new Route(op.getKey(), path.getKey(), params, required));
        }
      }
    }
    List<String> values =
        List.of(
            "",
            "0",
            "-1",
            "1",
            "9223372036854775808",
            "1e9",
            "NaN",
            "2300-01-01T00:00:00Z",
            "2026-11-22T14:00:00+99:00",
            "2147483647,0,1,1",
            "../../etc/passwd",
            "%00",
            "%ff%fe",
            "%",
            "日本語",
            "<script>",
            "a".repeat(3000));
    // Values no key and no stream kind accepts, so the fuzz changes nothing it should not.
    List<String> refused =
        List.of("-1", "NaN", "9223372036854775808", "%00", "<script>", "a".repeat(3000));
    Random random = new Random(20);
    int port = daemon.uri("").getPort();
    TreeMap<Integer, Integer> byStatus = new TreeMap<>();
    int named = 0;
    try {
      named = fuzzEveryRoute(routes, values, refused, random, port, byStatus);
    } finally {
      post("/api/v1/resume"); // a bare POST /api/v1/pause pauses; the other tests need frames
    }
    System.out.println(
        "route fuzz: "
            + routes.size()
            + " routes, 1200 requests, by status "
            + byStatus
            + ", "
            + named
            + " single bad parameters named");
    assertTrue(named > 50, "too few single bad parameters to tell: " + named);
    assertTrue(daemon.isAlive());
    assertTrue(!daemon.output().contains("internal error"), "no request failed inside");
  }

  private record Route(String method, String path, List<String> params, List<String> required) {}

  /** Sends 1200 requests of random parameters; how many single bad parameters were named. */
  private static int fuzzEveryRoute(
      List<Route> routes,
      List<String> values,
      List<String> refused,
      Random random,
      int port,
      TreeMap<Integer, Integer> byStatus)
      throws Exception {
    int named = 0;
    for (int i = 0; i < 1200; i++) {
      Route route = routes.get(random.nextInt(routes.size()));
      boolean stream = route.path().endsWith("/stream");
      boolean goodPath = random.nextBoolean();
      String target =
          route
              .path()
              .replace("{seq}", goodPath ? "1" : encode(pick(random, values)))
              .replace("{key}", goodPath ? "capture.fps" : encode(pick(random, values)));
      List<String> names = new ArrayList<>(route.params());
      names.add("x");
      int count = stream ? 1 : random.nextInt(3);
      String only = null;
      for (int p = 0; p < count; p++) {
        String name = stream ? "kinds" : pick(random, names);
        String value =
            stream || !route.method().equals("get") && !route.method().equals("put")
                ? pick(random, refused)
                : pick(random, values);
        target += (p == 0 ? "?" : "&") + name + "=" + encode(value);
        only = count == 1 ? name : null;
      }
      String body =
          random.nextInt(5) == 0
              ? "{\"value\": "
              : new JsonObject().put("value", pick(random, refused)).encode();
      RawHttp.Reply reply =
          switch (route.method()) {
            case "get" -> RawHttp.get(port, target, token, "");
            case "post" -> RawHttp.send(port, head("POST", target, port, 0), new byte[0]);
            case "delete" -> RawHttp.send(port, head("DELETE", target, port, 0), new byte[0]);
            case "put" -> {
              byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
              yield RawHttp.send(
                  port,
                  head("PUT", target, port, bytes.length) + "\r\nContent-Type: application/json",
                  bytes);
            }
            default -> throw new AssertionError("undocumented method " + route.method());
          };
      byStatus.merge(reply.status(), 1, Integer::sum);
      String what = route.method() + " " + target + " -> " + reply.status() + " " + reply.body();
      assertTrue(reply.status() < 500, what);
      if (reply.status() >= 400) {
        assertTrue(reply.body().startsWith("{\"error\":{"), what);
        String message = new JsonObject(reply.body()).getJsonObject("error").getString("message");
        assertTrue(!message.isBlank(), what);
        if (reply.status() == 400 && goodPath && only != null && !only.equals("x")) {
          String bad = only;
          // A required parameter left out is the one to name, when it is not the one given.
          for (String name : route.required()) {
            if (!name.equals(only)) {
              bad = name;
            }
          }
          assertTrue(message.contains(bad), "the error does not name " + bad + ": " + what);
          named++;
        }
      }
    }
    return named;
  }

  private static String pick(Random random, List<String> from) {
    return from.get(random.nextInt(from.size()));
  }

  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String head(String method, String target, int port, int contentLength) {
    return method
        + " "
        + target
        + " HTTP/1.1\r\nHost: 127.0.0.1:"
        + port
        + "\r\nAuthorization: Bearer "
        + token
        + "\r\nContent-Length: "
        + contentLength;
  }

  private static Iterable<String> iterable(java.util.Iterator<String> names) {
    List<String> list = new ArrayList<>();
    names.forEachRemaining(list::add);
    return list;
  }

  /** Opens the event stream, reads its first line and closes it; returns the status. */
  private static int openStream() throws Exception {
    HttpResponse<InputStream> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(daemon.uri("/api/v1/stream"))
                    .header("Authorization", "Bearer " + daemon.token())
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = response.body()) {
      byte[] first = in.readNBytes(": connected".length());
      assertEquals(": connected", new String(first, StandardCharsets.UTF_8));
    }
    return response.statusCode();
  }

  @Test
  void shouldResumeTheStreamWhereTheClientLeftOffWithoutLossOrRepeat() throws Exception {
    URI frames = daemon.uri("/api/v1/stream?kinds=frame");
    long lastSeq;
    String lastId;
    try (SseClient first = new SseClient(frames, token)) {
      assertEquals(200, first.status());
      SseClient.Event frame = null;
      for (int i = 0; i < 5; i++) {
        frame = first.next("frame", 10);
        assertNotNull(frame, "frames are streamed");
      }
      lastSeq = frame.data().getLong("seq");
      lastId = frame.id();
      assertNotNull(lastId);
      assertTrue(frame.data().containsKey("verdict"), frame.data().encode());
    }
    Thread.sleep(1_500); // frames the client misses while away
    try (SseClient resumed = new SseClient(frames, token, lastId)) {
      long previousId = Long.parseLong(lastId);
      for (long expected = lastSeq + 1; expected < lastSeq + 60; expected++) {
        SseClient.Event frame = resumed.next("frame", 10);
        assertNotNull(frame, "frame " + expected);
        assertEquals(expected, frame.data().getLong("seq"), "replayed, then live, in order");
        assertTrue(Long.parseLong(frame.id()) > previousId);
        previousId = Long.parseLong(frame.id());
      }
    }
    assertTrue(
        daemon.status().getJsonObject("vision").getJsonObject("stream").getLong("recordsReplayed")
            >= 25,
        "1.5 s of frames at 20 FPS came from the journal");
    // Insights journaled before the client first connected are replayed from an early id.
    try (SseClient insights =
        new SseClient(daemon.uri("/api/v1/stream?kinds=insight"), token, "0")) {
      SseClient.Event insight = insights.next("insight", 10);
      assertNotNull(insight);
      assertEquals("typing quarterly figures", insight.data().getString("activity"));
    }
    assertError(
        daemon.get("/api/v1/stream?kinds=frames,noise"), 400, "bad_request", "kinds: \"frames\"");
    assertError(
        daemon.get("/api/v1/stream?lastEventId=yesterday"), 400, "bad_request", "Last-Event-ID");
  }

  private static java.awt.image.BufferedImage image(HttpResponse<byte[]> response)
      throws Exception {
    return javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(response.body()));
  }

  @Test
  void shouldServeAFramesRegionScaledAndAsJpeg() throws Exception {
    long seq = daemon.status().getJsonObject("frames").getLong("lastSeq");
    String path = "/api/v1/frames/" + seq + "/image";
    HttpResponse<byte[]> whole = daemon.getBytes(path);
    assertEquals(200, whole.statusCode());
    assertEquals("ring", whole.headers().firstValue("X-Ironcliw-Image-Source").orElse(""));
    assertEquals(320, image(whole).getWidth());
    HttpResponse<byte[]> region = daemon.getBytes(path + "?region=10,20,100,50");
    assertEquals(100, image(region).getWidth());
    assertEquals(50, image(region).getHeight());
    HttpResponse<byte[]> half = daemon.getBytes(path + "?scale=0.5&format=jpeg");
    assertEquals("image/jpeg", half.headers().firstValue("Content-Type").orElse(""));
    assertEquals((byte) 0xFF, half.body()[0]);
    assertEquals((byte) 0xD8, half.body()[1]);
    assertEquals(160, image(half).getWidth());
    assertEquals(90, image(half).getHeight());
    assertError(daemon.get(path + "?region=0,0,400,10"), 400, "bad_request", "region: 0,0,400,10");
    assertError(daemon.get(path + "?region=1,2,3"), 400, "bad_request", "region: \"1,2,3\"");
    assertError(daemon.get(path + "?scale=2"), 400, "bad_request", "scale: \"2\"");
    assertError(daemon.get(path + "?format=gif"), 400, "bad_request", "format: \"gif\"");
  }

  @Test
  void shouldServeAKeyframeOnceTheRingHasMovedOn() throws Exception {
    // The ring holds about 3.5 s at 20 FPS; the first keyframes are older than that by now.
    // The second keyframed frame: the one before it is not a keyframe (500 ms apart at least).
    List<JsonObject> keyframed =
        daemon.allFrames("&verdict=CHANGE", 1000).stream()
            .filter(f -> f.getBoolean("keyframe"))
            .limit(2)
            .toList();
    assertEquals(2, keyframed.size(), "CHANGE frames have keyframes");
    long seq = keyframed.get(1).getLong("seq");
    String path = "/api/v1/frames/" + seq + "/image";
    HttpResponse<byte[]> served =
        Waits.await("the image served from its keyframe", Duration.ofSeconds(15))
            .pollInterval(Duration.ofMillis(100))
            .until(
                () -> daemon.getBytes(path),
                r ->
                    r.headers()
                        .firstValue("X-Ironcliw-Image-Source")
                        .orElse("")
                        .equals("keyframe"));
    assertEquals(200, served.statusCode());
    assertEquals("keyframe", served.headers().firstValue("X-Ironcliw-Image-Source").orElse(""));
    assertEquals(160, image(served).getWidth(), "scaled to history.keyframes.maxLongEdge");
    assertEquals(90, image(served).getHeight());
    HttpResponse<byte[]> quarter = daemon.getBytes(path + "?region=0,0,160,90");
    assertEquals(80, image(quarter).getWidth(), "the region is in the frame's pixels");
    JsonObject journal = daemon.status().getJsonObject("journal");
    assertTrue(journal.getJsonObject("keyframes").getLong("kept") >= 2, journal.encode());
    // An older frame without a keyframe goes from the ring as well. It is usually gone by now, but
    // once in CI it was still served a moment after the keyframed one had left the ring (not
    // understood), so it is waited for like the keyframe above.
    String older = "/api/v1/frames/" + (seq - 1) + "/image";
    HttpResponse<String> gone =
        Waits.await("the older frame gone from the ring", Duration.ofSeconds(15))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> daemon.get(older), r -> r.statusCode() != 200);
    assertError(gone, 410, "gone", "has no keyframe (only CHANGE frames get one)");
  }

  @Test
  void shouldExportEachPipelineStagesLatency() throws Exception {
    String metrics = daemon.get("/metrics").body();
    for (PipelineStage stage : PipelineStage.values()) {
      String line =
          metrics
              .lines()
              .filter(l -> l.startsWith("ironcliw_pipeline_stage_seconds{"))
              .filter(l -> l.contains("stage=\"" + stage.tag() + "\""))
              .filter(l -> l.contains("quantile=\"0.5\""))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no median of " + stage + " in\n" + metrics));
      double seconds = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      assertTrue(seconds > 0 && seconds < 1, line);
    }
    // Micrometer's JVM, collector, CPU and process meters are registered too.
    for (String meter :
        List.of(
            "jvm_memory_used_bytes", "jvm_gc_", "process_cpu_usage", "process_uptime_seconds")) {
      assertTrue(metrics.contains("\n" + meter), meter + " missing from\n" + metrics);
    }
    JsonObject stages = daemon.status().getJsonObject("frames").getJsonObject("stageMicros");
    assertTrue(
        stages.getJsonObject("frame").getDouble("p99")
            >= stages.getJsonObject("diff").getDouble("median"),
        stages.encode());
  }

  /** Issue 21: search goes to the text index; insights are its documents of kind insight. */
  @Test
  void shouldSearchTheTextIndexForInsights() throws Exception {
    JsonObject found =
        Waits.await("the insight indexed", Duration.ofSeconds(30))
            .until(
                () -> json(daemon.get("/api/v1/search?q=QUARTERLY%20figures&limit=5&kind=insight")),
                page -> !page.getJsonArray("results").isEmpty());
    JsonArray results = found.getJsonArray("results");
    assertTrue(results.size() <= 5);
    JsonObject first = results.getJsonObject(0);
    assertEquals("insight", first.getString("kind"));
    assertTrue(first.getString("text").contains("typing quarterly figures"), first.encode());
    assertTrue(first.getString("snippet").contains("<mark>quarterly</mark>"), first.encode());
    assertEquals(
        json(daemon.get("/api/v1/frames/" + first.getLong("seq"))).getString("capturedAt"),
        first.getString("capturedAt"),
        "the time of the last frame the insight was about");
    assertTrue(
        json(daemon.get("/api/v1/search?q=quarterly+invoices")).getJsonArray("results").isEmpty(),
        "every word must match");
    assertTrue(
        json(daemon.get("/api/v1/search?q=typing&to=2001-01-01T00:00:00Z"))
            .getJsonArray("results")
            .isEmpty(),
        "time filter");
    assertError(daemon.get("/api/v1/search"), 400, "bad_request", "q: missing");
    assertError(
        daemon.get("/api/v1/search?q=" + "x".repeat(1001)),
        400,
        "bad_request",
        "q: 1001 characters");
    assertError(daemon.get("/api/v1/search?q=%22unclosed"), 400, "bad_request", "is not closed");
    assertError(daemon.get("/api/v1/search?q=*"), 400, "bad_request", "no letters");
    assertError(daemon.get("/api/v1/search?q=x&kind=pixels"), 400, "bad_request", "kind:");
  }

  @Test
  void shouldPauseForAWhileJournalItAndResumeByItself() throws Exception {
    HttpResponse<String> paused = post("/api/v1/pause?for=2s");
    assertEquals(200, paused.statusCode(), paused.body());
    assertTrue(json(paused).getBoolean("paused"));
    assertNotNull(json(paused).getString("until"));
    assertEquals(
        json(paused),
        daemon.status().getJsonObject("capture").getJsonObject("userPause"),
        "status shows the user's pause");
    JsonObject status =
        daemon.awaitStatus(s -> s.getString("state").equals("paused"), Duration.ofSeconds(10));
    assertTrue(
        status.getJsonObject("capture").getString("pauseReason").startsWith("paused by the user"),
        status.getJsonObject("capture").encode());
    daemon.awaitStatus(s -> s.getString("state").equals("running"), Duration.ofSeconds(15));
    JsonArray events =
        json(daemon.get("/api/v1/events?kind=capture&limit=10")).getJsonArray("events");
    assertTrue(events.size() >= 2, events.encode());
    assertEquals("resumed", events.getJsonObject(0).getString("reason"), "newest first");
    assertTrue(events.getJsonObject(1).getString("reason").startsWith("paused by the user"));
    assertEquals("capture", events.getJsonObject(1).getString("kind"));
    assertTrue(
        json(daemon.get("/api/v1/events?kind=pressure")).getJsonArray("events").isEmpty(),
        "no pressure change happened");

    // Until resumed: a second pause without a length replaces the first.
    assertEquals(200, post("/api/v1/pause").statusCode());
    daemon.awaitStatus(s -> s.getString("state").equals("paused"), Duration.ofSeconds(10));
    HttpResponse<String> resumed = post("/api/v1/resume");
    assertEquals(false, json(resumed).getBoolean("paused"));
    assertNull(json(resumed).getValue("until"));
    daemon.awaitStatus(s -> s.getString("state").equals("running"), Duration.ofSeconds(10));
  }

  @Test
  void shouldRefuseRequestsWithoutTheRightToken() throws Exception {
    int port = daemon.uri("").getPort();
    for (String path : List.of("/api/v1/status", "/api/v1/frames", "/metrics", "/api/v1/search")) {
      for (String authorization :
          List.of("", "Authorization: Bearer wrong", "Authorization: Basic " + token)) {
        RawHttp.Reply reply = RawHttp.get(port, path, null, authorization);
        assertEquals(401, reply.status(), path + " " + authorization);
        assertEquals("Bearer", reply.header("WWW-Authenticate"));
        assertEquals(
            "unauthorized", new JsonObject(reply.body()).getJsonObject("error").getString("code"));
      }
    }
    RawHttp.Reply prefix = RawHttp.get(port, "/api/v1/status", token.substring(0, 10), "");
    assertEquals(401, prefix.status(), "a prefix of the token");
    assertEquals(200, RawHttp.get(port, "/api/v1/health", null, "").status());
    assertTrue(!daemon.output().contains(token), "the token was logged");
  }

  @Test
  void shouldRefuseForeignHostsAndOriginsAndSendNoCorsHeaders() throws Exception {
    int port = daemon.uri("").getPort();
    for (String host : List.of("evil.example", "127.0.0.1.evil.example:" + port, "10.0.0.1")) {
      RawHttp.Reply reply =
          RawHttp.send(
              port,
              "GET /api/v1/status HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + token,
              new byte[0]);
      assertEquals(403, reply.status(), host);
      assertEquals(
          "forbidden_host", new JsonObject(reply.body()).getJsonObject("error").getString("code"));
    }
    assertEquals(
        200,
        RawHttp.send(
                port,
                "GET /api/v1/status HTTP/1.1\r\nHost: localhost:"
                    + port
                    + "\r\nAuthorization: Bearer "
                    + token,
                new byte[0])
            .status());
    for (String origin :
        List.of("https://evil.example", "http://localhost.evil.example", "null", "file://")) {
      RawHttp.Reply reply = RawHttp.get(port, "/api/v1/status", token, "Origin: " + origin);
      assertEquals(403, reply.status(), origin);
      assertEquals(
          "forbidden_origin",
          new JsonObject(reply.body()).getJsonObject("error").getString("code"));
    }
    RawHttp.Reply local =
        RawHttp.get(port, "/api/v1/status", token, "Origin: http://127.0.0.1:3000");
    assertEquals(200, local.status());
    assertNull(local.header("Access-Control-Allow-Origin"), "no CORS headers");
    RawHttp.Reply preflight =
        RawHttp.send(
            port,
            "OPTIONS /api/v1/status HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: https://evil.example\r\n"
                + "Access-Control-Request-Method: GET",
            new byte[0]);
    assertEquals(403, preflight.status());
    assertNull(preflight.header("Access-Control-Allow-Origin"));
  }

  /**
   * The red team's malformed requests (issue 20, finding 9) are refused before anything reads them:
   * hosts that only look like loopback, an IPv6 address without brackets, no Host at all, and
   * HTTP/2 in clear text with a foreign authority; before, each of these answered 500 or 200.
   */
  @Test
  void shouldRefuseDisguisedHostsAMissingHostAndH2c() throws Exception {
    int port = daemon.uri("").getPort();
    for (String host : List.of("[::1].evil.com", "::1", "[::1]evil.com:80", "localhost:x")) {
      RawHttp.Reply reply =
          RawHttp.send(
              port,
              "GET /api/v1/status HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + token,
              new byte[0]);
      assertEquals(403, reply.status(), host + ": " + reply.body());
      assertEquals(
          "forbidden_host", new JsonObject(reply.body()).getJsonObject("error").getString("code"));
    }
    RawHttp.Reply noHost =
        RawHttp.send(
            port, "GET /api/v1/status HTTP/1.1\r\nAuthorization: Bearer " + token, new byte[0]);
    assertEquals(400, noHost.status(), noHost.body());
    assertTrue(noHost.body().contains("a Host header is required"), noHost.body());
    assertEquals(
        200,
        RawHttp.send(
                port,
                "GET /api/v1/status HTTP/1.1\r\nHost: [::1]:"
                    + port
                    + "\r\nAuthorization: Bearer "
                    + token,
                new byte[0])
            .status());
    // HTTP/2 with prior knowledge, as curl --http2-prior-knowledge sends it: not served.
    try (HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()) {
      HttpResponse<String> reply =
          h2.send(
              HttpRequest.newBuilder(daemon.uri("/api/v1/health"))
                  .header("Authorization", "Bearer " + token)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(HttpClient.Version.HTTP_1_1, reply.version(), "no h2c upgrade");
    }
  }

  /** Numbers at the edge (issue 20, finding 9): 400 naming the parameter, never 500 or all. */
  @Test
  void shouldRefuseARegionThatOverflowsAndATimeTheJournalCannotHold() throws Exception {
    long seq = daemon.status().getJsonObject("frames").getLong("lastSeq");
    HttpResponse<String> overflow =
        daemon.get("/api/v1/frames/" + seq + "/image?region=2147483647,0,1,1");
    assertTrue(overflow.statusCode() == 400 || overflow.statusCode() == 410, overflow.body());
    if (overflow.statusCode() == 400) {
      assertTrue(overflow.body().contains("region"), overflow.body());
    }
    HttpResponse<String> future = daemon.get("/api/v1/frames?from=2300-01-01T00:00:00Z&limit=2");
    assertError(future, 400, "bad_request", "from: \"2300-01-01T00:00:00Z\" is outside the times");
    HttpResponse<String> past = daemon.get("/api/v1/events?to=1500-01-01T00:00:00Z");
    assertError(past, 400, "bad_request", "to: ");
  }

  /**
   * A client that sends its headers a byte at a time, or never finishes them, is cut off after the
   * header timeout (issue 20, finding 7: slow headers were never timed out).
   */
  @Test
  void shouldCloseAConnectionWhoseHeadersNeverEnd() throws Exception {
    int port = daemon.uri("").getPort();
    try (java.net.Socket slow = new java.net.Socket("127.0.0.1", port)) {
      slow.setSoTimeout(20_000);
      java.io.OutputStream out = slow.getOutputStream();
      out.write(
          "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      long start = System.nanoTime();
      int read = slow.getInputStream().read(); // the server closes it: end of stream
      long seconds = (System.nanoTime() - start) / 1_000_000_000L;
      assertEquals(-1, read, "the connection was closed, not answered");
      assertTrue(seconds >= 8 && seconds <= 15, "closed after " + seconds + " s");
    }
    assertEquals(200, daemon.get("/api/v1/health").statusCode(), "still serving");
  }

  /** Past the connection cap a new connection is closed at once; the daemon goes on serving. */
  @Test
  void shouldCloseConnectionsPastTheCap() throws Exception {
    int port = daemon.uri("").getPort();
    List<java.net.Socket> held = new ArrayList<>();
    try {
      for (int i = 0; i < ApiServer.MAX_CONNECTIONS + 4; i++) {
        held.add(new java.net.Socket("127.0.0.1", port));
      }
      java.net.Socket extra = held.getLast();
      extra.setSoTimeout(5_000);
      assertEquals(-1, extra.getInputStream().read(), "closed past the cap");
    } finally {
      for (java.net.Socket socket : held) {
        socket.close();
      }
    }
    Waits.await("a connection admitted again", Duration.ofSeconds(10))
        .ignoreExceptions()
        .until(() -> daemon.get("/api/v1/health").statusCode() == 200);
  }

  @Test
  void shouldRefuseOversizedBodiesWithoutReadingThem() throws Exception {
    HttpResponse<String> big =
        daemon.put("/api/v1/config/capture.fps", "{\"value\": \"" + "9".repeat(20 * 1024) + "\"}");
    assertError(big, 413, "too_large", "16384");
    int port = daemon.uri("").getPort();
    RawHttp.Reply claimed =
        RawHttp.send(
            port,
            "POST /api/v1/pause HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + token
                + "\r\nContent-Length: 1073741824",
            new byte[1024]);
    assertEquals(413, claimed.status(), claimed.body());
    assertEquals(
        "too_large", new JsonObject(claimed.body()).getJsonObject("error").getString("code"));
    assertEquals(
        false,
        daemon.status().getJsonObject("capture").getJsonObject("userPause").getBoolean("paused"),
        "the refused pause did not happen");
  }

  /**
   * A body a little over the cap, sent whole by a client before it reads: each gets its 413. (When
   * the server closed on the unread body, about one in ten of these was reset before the client
   * could read the answer.)
   */
  @Test
  void shouldAnswerEveryModestlyOversizedBodyWithA413() throws Exception {
    String body = "{\"value\": \"" + "9".repeat(20 * 1024) + "\"}";
    TreeMap<String, Integer> outcomes = new TreeMap<>();
    for (int i = 0; i < 100; i++) {
      try (HttpClient fresh = HttpClient.newHttpClient()) {
        HttpResponse<String> reply =
            fresh.send(
                HttpRequest.newBuilder(daemon.uri("/api/v1/config/capture.fps"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        outcomes.merge(Integer.toString(reply.statusCode()), 1, Integer::sum);
      } catch (IOException e) {
        outcomes.merge(e.getMessage(), 1, Integer::sum);
      }
    }
    assertEquals(Map.of("413", 100), outcomes);
  }

  @Test
  void shouldNameTheMalformedParameterInA400() throws Exception {
    Map<String, String> cases = new TreeMap<>();
    cases.put("/api/v1/frames?limit=0", "limit: \"0\"");
    cases.put("/api/v1/frames?limit=1001", "limit: \"1001\"");
    cases.put("/api/v1/frames?limit=ten", "limit: \"ten\"");
    cases.put("/api/v1/frames?from=yesterday", "from: \"yesterday\"");
    cases.put("/api/v1/frames?to=2026-13-01T00:00:00Z", "to: ");
    cases.put("/api/v1/frames?verdict=MAYBE", "verdict: \"MAYBE\"");
    cases.put("/api/v1/frames?fromSeq=-1", "fromSeq: \"-1\"");
    cases.put("/api/v1/frames?toSeq=99999999999999999999", "toSeq: ");
    cases.put("/api/v1/frames?cursor=abc", "cursor: \"abc\"");
    cases.put("/api/v1/frames/abc", "seq: \"abc\"");
    cases.put("/api/v1/frames/-5/image", "seq: \"-5\"");
    cases.put("/api/v1/insights?from=1700000000", "from: \"1700000000\"");
    cases.put("/api/v1/events?kind=disk", "kind: \"disk\"");
    cases.put("/api/v1/events?limit=-3", "limit: \"-3\"");
    cases.put("/api/v1/search?q=%20%20", "q: missing");
    cases.put("/api/v1/frames?fromSeq=10&toSeq=5", "fromSeq: 10 is after toSeq: 5");
    cases.put(
        "/api/v1/insights?from=2026-11-22T10:00:00Z&to=2026-11-22T09:00:00Z",
        "from: 2026-11-22T10:00:00Z is after to: 2026-11-22T09:00:00Z");
    cases.put("/api/v1/frames?display=-1", "display: \"-1\"");
    cases.put("/api/v1/frames?display=first", "display: \"first\"");
    for (var c : cases.entrySet()) {
      assertError(daemon.get(c.getKey()), 400, "bad_request", c.getValue());
    }
    for (String length : List.of("forever", "30d", "0s", "-5m")) {
      assertError(
          post("/api/v1/pause?for=" + length), 400, "bad_request", "for: \"" + length + "\"");
    }
    assertError(daemon.get("/api/v1/frames/99999999/image"), 404, "not_found", "99999999");
    JsonArray ofDisplay0 =
        json(daemon.get("/api/v1/frames?display=0&limit=50")).getJsonArray("frames");
    assertEquals(50, ofDisplay0.size());
    assertTrue(json(daemon.get("/api/v1/frames?display=1")).getJsonArray("frames").isEmpty());
    int port = daemon.uri("").getPort();
    RawHttp.Reply longLine = RawHttp.get(port, "/api/v1/frames?q=" + "a".repeat(9000), token, "");
    assertEquals(414, longLine.status());
    assertEquals(
        "uri_too_long", new JsonObject(longLine.body()).getJsonObject("error").getString("code"));
    RawHttp.Reply bigHeaders =
        RawHttp.get(port, "/api/v1/status", token, "X-Padding: " + "b".repeat(20_000));
    assertEquals(431, bigHeaders.status());
    assertEquals(
        "headers_too_large",
        new JsonObject(bigHeaders.body()).getJsonObject("error").getString("code"));
    assertError(daemon.get("/api/v1/nothing/here"), 404, "not_found", "/api/v1/nothing/here");
    assertError(
        daemon.put("/api/v1/config/capture.fps", "{\"value\": \"fast\"}"),
        400,
        "invalid_value",
        "capture.fps");
    assertError(
        daemon.put("/api/v1/config/no.such.key", "{\"value\": 1}"),
        404,
        "unknown_key",
        "no.such.key");
    assertError(
        daemon.put("/api/v1/config/api.port", "{\"value\": 1}"), 409, "restart_key", "api.port");
    assertError(daemon.put("/api/v1/config/capture.fps", "not json"), 400, "bad_body", "");
  }

  @Test
  void shouldLimitEachClientsRequestRate(@TempDir Path own) throws Exception {
    Path config = own.resolve("ironcliw.yaml");
    Files.writeString(config, DaemonProcess.SMALL_DESKTOP_YAML + "api:\n  rateLimit: 5/s\n");
    try (DaemonProcess limited = DaemonProcess.startSynthetic(own.resolve("data"), config)) {
      TreeMap<Integer, Integer> byStatus = new TreeMap<>();
      HttpResponse<String> refused = null;
      for (int i = 0; i < 30; i++) {
        HttpResponse<String> response = limited.get("/api/v1/frames?limit=1");
        byStatus.merge(response.statusCode(), 1, Integer::sum);
        if (response.statusCode() == 429) {
          refused = response;
        }
      }
      System.out.println("30 requests at once, 5/s allowed: " + byStatus);
      assertNotNull(refused, byStatus.toString());
      assertError(refused, 429, "rate_limited", "api.rateLimit");
      assertTrue(Integer.parseInt(refused.headers().firstValue("Retry-After").orElseThrow()) >= 1);
      assertTrue(byStatus.get(200) >= 5 && byStatus.get(200) < 15, byStatus.toString());
      Thread.sleep(1_100);
      assertEquals(200, limited.get("/api/v1/frames?limit=1").statusCode(), "refilled");

      // A flood without the token (issue 20, finding 7) is charged to a bucket of its own: the
      // holder of the token is still served (before, 18 of 90 real requests got 429).
      TreeMap<Integer, Integer> flood = new TreeMap<>();
      for (int i = 0; i < 60; i++) {
        flood.merge(
            limited.getWithoutToken("/api/v1/frames?limit=1").statusCode(), 1, Integer::sum);
      }
      System.out.println("60 requests without the token: " + flood);
      assertTrue(flood.containsKey(429), "the flood is limited: " + flood);
      assertEquals(200, limited.get("/api/v1/frames?limit=1").statusCode(), "the token's holder");
      assertEquals(0, limited.terminate());
    }
  }

  @Test
  void shouldNeverAnswer500OrFallOverWhateverTheQuery() throws Exception {
    Random random = new Random(8);
    int port = daemon.uri("").getPort();
    List<String> paths =
        List.of(
            "/api/v1/frames",
            "/api/v1/frames/1",
            "/api/v1/frames/1/image",
            "/api/v1/frames/1/text",
            "/api/v1/insights",
            "/api/v1/events",
            "/api/v1/search",
            "/api/v1/config",
            "/api/v1/status",
            "/api/v1/health");
    List<String> names =
        List.of(
            "limit", "cursor", "fromSeq", "toSeq", "from", "to", "verdict", "q", "kind", "x", "");
    List<String> values =
        List.of(
            "",
            "0",
            "-1",
            "1",
            "1000",
            "9223372036854775807",
            "9223372036854775808",
            "1e9",
            "NaN",
            "CHANGE,CHANGE,DUPLICATE",
            "2026-11-22T14:00:00Z",
            "2026-11-22T14:00:00+99:00",
            "../../etc/passwd",
            "%00",
            "%ff%fe",
            "%",
            "%zz",
            "日本語",
            "'; DROP TABLE frames; --",
            "<script>",
            "a".repeat(3000));
    Set<Integer> allowed = Set.of(200, 400, 404, 410, 414);
    TreeMap<Integer, Integer> byStatus = new TreeMap<>();
    int requests = 1500;
    for (int i = 0; i < requests; i++) {
      StringBuilder target = new StringBuilder(paths.get(random.nextInt(paths.size())));
      if (random.nextInt(10) == 0) {
        target.append(random.nextBoolean() ? "/..%2f..%2f" : "/%2e%2e/" + random.nextInt());
      }
      int params = random.nextInt(4);
      for (int p = 0; p < params; p++) {
        String value = values.get(random.nextInt(values.size()));
        if (random.nextBoolean()) {
          value = URLEncoder.encode(value, StandardCharsets.UTF_8);
        } else {
          value = value.replace(" ", "%20").replace("日本語", "%E6%97%A5");
        }
        target
            .append(p == 0 ? '?' : '&')
            .append(names.get(random.nextInt(names.size())))
            .append('=')
            .append(value);
      }
      RawHttp.Reply reply = RawHttp.get(port, target.toString(), token, "");
      byStatus.merge(reply.status(), 1, Integer::sum);
      assertTrue(
          allowed.contains(reply.status()), target + " -> " + reply.status() + " " + reply.body());
      if (reply.status() != 200) {
        assertTrue(
            reply.body().startsWith("{\"error\":{"),
            target + " -> " + reply.status() + " " + reply.body());
        JsonObject error = new JsonObject(reply.body()).getJsonObject("error");
        assertTrue(!error.getString("message").isBlank(), reply.body());
      }
    }
    System.out.println("fuzz: " + requests + " requests, by status " + byStatus);
    assertEquals(200, daemon.getWithoutToken("/api/v1/health").statusCode());
    assertTrue(daemon.isAlive());
    assertTrue(!daemon.output().contains("internal error"), "no request failed inside");
  }
}

package dev.ironcliw.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.vision.provider.StubProviderServer;
import dev.ironcliw.vision.provider.StubProviderServer.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon with a real vision provider stage, against a stub Anthropic Messages server. */
@Tag("slow") // left out by ./mvnw verify -Pquick
class DaemonVisionTest {
  private static final String API_KEY = "sk-ant-api03-IRONCLIW-TEST-KEY-0000000000000000";
  private static final String NEEDS_HELP =
      "```json\n{\"activity\": \"typing meeting notes\", \"app\": \"notes\", \"needsHelp\": true,"
          + " \"suggestion\": \"add the meeting to the calendar\", \"confidence\": 0.85}\n```";
  private static final long REPLY_DELAY_MS = 300;

  @TempDir Path dir;

  private Path config(StubProviderServer stub, String extra) throws Exception {
    Path config = dir.resolve("ironcliw.yaml");
    Files.writeString(
        config,
        DaemonProcess.SMALL_DESKTOP_YAML
            + "vision:\n"
            + "  provider: anthropic\n"
            + "  batch:\n"
            + "    size: 2\n"
            + "    maxWait: 200ms\n"
            + "  anthropic:\n"
            + "    model: claude-test\n"
            + "    baseUrl: "
            + stub.uri("")
            + "\n"
            + extra);
    return config;
  }

  /** A notify-send that records its arguments, first on the daemon's PATH. */
  private Path fakeNotifySend(Path calls) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path script = bin.resolve("notify-send");
    Files.writeString(script, "#!/bin/sh\nprintf '%s\\n' \"$@\" >> '" + calls + "'\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return bin;
  }

  @Test
  void shouldStreamInsightsWithinASecondAndNeverShowTheKey() throws Exception {
    try (StubProviderServer stub =
        new StubProviderServer(
            Reply.json(200, StubProviderServer.anthropicReply(NEEDS_HELP, 1500, 60))
                .after(REPLY_DELAY_MS))) {
      Path calls = dir.resolve("notify-send.calls");
      Path bin = fakeNotifySend(calls);
      Path config =
          config(stub, "  notices:\n    desktop: true\n    cooldown: 0s\n    perMinute: 2\n");
      Map<String, String> env =
          Map.of("ANTHROPIC_API_KEY", API_KEY, "PATH", bin + ":" + System.getenv("PATH"));
      List<String> responses = new ArrayList<>();
      Path dataDir = dir.resolve("data");
      try (DaemonProcess daemon =
          DaemonProcess.start(
                  null,
                  dataDir,
                  DaemonProcess.freePort(),
                  env,
                  "--config",
                  config.toString(),
                  "--source",
                  "synthetic")
              .awaitReady()) {
        daemon.awaitOutput("vision: provider anthropic, model claude-test", Duration.ofSeconds(5));
        try (SseClient sse = new SseClient(daemon.uri("/api/v1/stream"), daemon.token())) {
          assertEquals(200, sse.status());
          assertTrue(sse.contentType().startsWith("text/event-stream"), sse.contentType());

          SseClient.Event insight = sse.next("insight", 60);
          assertNotNull(insight, "an insight is streamed:\n" + daemon.output());
          // Measured from the first reply written: an upper bound on the latency. The stub and
          // this client share System.nanoTime, being in this JVM.
          long repliedAt = stub.repliedAtNanos().getFirst();
          long latencyMs = (insight.arrivedAtNanos() - repliedAt) / 1_000_000;
          System.out.println("vision: reply to SSE event " + latencyMs + " ms");
          assertTrue(latencyMs < 1_000, "streamed " + latencyMs + " ms after the reply");

          JsonObject data = insight.data();
          assertEquals("typing meeting notes", data.getString("activity"));
          assertTrue(data.getBoolean("needsHelp"));
          assertEquals("claude-test", data.getString("model"));
          assertFalse(data.getJsonArray("frames").isEmpty());
          assertNotNull(sse.next("notice", 10), "a needs-help insight is also a notice");
        }

        checkWhatTheStubReceived(stub.received().getFirst());

        JsonObject listed =
            new JsonObject(daemon.get("/api/v1/insights?limit=10").body())
                .getJsonArray("insights")
                .getJsonObject(0);
        assertEquals("add the meeting to the calendar", listed.getString("suggestion"));
        assertEquals(0.85, listed.getDouble("confidence"), 1e-9);
        long frameSeq = listed.getJsonArray("frames").getLong(0);
        JsonObject frame = new JsonObject(daemon.get("/api/v1/frames/" + frameSeq).body());
        assertEquals("CHANGE", frame.getString("verdict"));
        assertTrue(frame.getBoolean("forwarded"));

        JsonObject status =
            daemon.awaitStatus(
                s -> s.getJsonObject("vision").getJsonObject("notices").getLong("sent") >= 1,
                Duration.ofSeconds(10));
        JsonObject vision = status.getJsonObject("vision");
        assertEquals("anthropic", vision.getString("provider"));
        assertEquals("CLOSED", vision.getJsonObject("breaker").getString("state"));
        assertTrue(vision.getLong("insights") >= 1, vision.encodePrettily());
        assertTrue(vision.getJsonObject("budget").getLong("tokensToday") >= 1560);

        for (String path :
            List.of(
                "/api/v1/status",
                "/api/v1/insights",
                "/api/v1/frames?limit=1000",
                "/api/v1/health",
                "/api/v1/frames/" + frameSeq)) {
          responses.add(daemon.get(path).body());
        }
        assertEquals(0, daemon.terminate());
        assertTrue(Files.exists(calls), "notify-send ran:\n" + daemon.output());
        assertTrue(
            Files.readString(calls).contains("add the meeting to the calendar"),
            Files.readString(calls));
        assertKeyAppearsNowhere(daemon.output(), responses, dataDir);
      }
    }
  }

  /**
   * With the provider answering 503 for minutes ({@code -Dironcliw.vision.failSeconds}, default
   * 120), the daemon keeps capturing and judging frames, its breaker shows open in status, the
   * vision queue stays inside its budget, and anonymous memory outside the heap (capped by -Xmx)
   * does not grow.
   */
  @Test
  void shouldKeepCapturingWithBoundedMemoryWhileTheProviderFails() throws Exception {
    long seconds = Long.getLong("ironcliw.vision.failSeconds", 120);
    try (StubProviderServer stub =
        new StubProviderServer(
            Reply.json(
                503,
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                    + "\"message\":\"Overloaded\"}}"))) {
      Path config =
          config(
              stub,
              """
                limits:
                  maxAttempts: 2
                  requestsPerMinute: 600/min
                  requestTimeout: 2s
                queue:
                  batches: 4
                breaker:
                  failures: 3
                  openFor: 3s
              """);
      // The memory section is SMALL_DESKTOP_YAML's; the vision queue's budget joins it.
      Files.writeString(
          config,
          Files.readString(config)
              .replace("    frameRing: 16MiB\n", "    frameRing: 16MiB\n    visionQueue: 2MiB\n"));
      try (DaemonProcess daemon =
          DaemonProcess.start(
                  null,
                  dir.resolve("data"),
                  DaemonProcess.freePort(),
                  // Heap pages resident as soon as committed, so that the committed heap is the
                  // heap's part of anonymous memory and the rest can be watched alone.
                  Map.of("ANTHROPIC_API_KEY", API_KEY, "JAVA_TOOL_OPTIONS", "-XX:+AlwaysPreTouch"),
                  "--config",
                  config.toString(),
                  "--source",
                  "synthetic")
              .awaitReady()) {
        // seconds, processed, queue bytes, anonymous resident KiB, committed heap KiB
        List<long[]> samples = new ArrayList<>();
        long maxQueueBytes = 0;
        java.util.Set<String> breakerStates = new java.util.TreeSet<>();
        long start = System.nanoTime();
        JsonObject status = null;
        while (System.nanoTime() - start < seconds * 1_000_000_000L) {
          Thread.sleep(2_000);
          status = daemon.status();
          JsonObject vision = status.getJsonObject("vision");
          long queueBytes = vision.getJsonObject("queue").getLong("bytes");
          maxQueueBytes = Math.max(maxQueueBytes, queueBytes);
          breakerStates.add(vision.getJsonObject("breaker").getString("state"));
          samples.add(
              new long[] {
                (System.nanoTime() - start) / 1_000_000_000L,
                status.getJsonObject("frames").getLong("processed"),
                queueBytes,
                anonymousKib(daemon.pid()),
                status.getJsonObject("memory").getLong("heapCommittedBytes") / 1024
              });
        }
        System.out.println(
            "anonymous resident MiB per sample: "
                + samples.stream().map(x -> Long.toString(x[3] / 1024)).toList()
                + ", of it committed heap: "
                + samples.stream().map(x -> Long.toString(x[4] / 1024)).toList());
        JsonObject vision = status.getJsonObject("vision");
        // G1 touches fresh heap regions, and grows the committed heap with the allocation rate, up
        // to -Xmx: bounded, not a leak, and as fast as the machine's load makes it. So the heap is
        // left out of the growth (pre-touched, it is the committed heap).
        long firstHalfRss = maxOutsideHeap(samples.subList(0, samples.size() / 2));
        long secondHalfRss = maxOutsideHeap(samples.subList(samples.size() / 2, samples.size()));
        System.out.printf(
            "vision failing for %d s: frames processed %d, calls %d, breaker opened %d times,"
                + " states seen %s, dropped %s, queue at most %d bytes, anonymous memory outside the heap max"
                + " %d MiB in the first half and %d MiB in the second%n",
            seconds,
            status.getJsonObject("frames").getLong("processed"),
            vision.getLong("attempts"),
            vision.getJsonObject("breaker").getLong("timesOpened"),
            breakerStates,
            vision.getJsonObject("dropped").encode(),
            maxQueueBytes,
            firstHalfRss / 1024,
            secondHalfRss / 1024);

        for (int i = 1; i < samples.size(); i++) {
          assertTrue(
              samples.get(i)[1] > samples.get(i - 1)[1],
              "frames processed must keep growing; stuck at " + samples.get(i)[1]);
        }
        assertTrue(breakerStates.contains("OPEN"), "status showed the breaker open");
        assertTrue(vision.getJsonObject("breaker").getLong("timesOpened") >= 2, "it probed again");
        assertTrue(vision.getJsonObject("dropped").getLong("BREAKER_OPEN") > 0);
        assertEquals(0, vision.getLong("insights"));
        assertTrue(maxQueueBytes <= 2 << 20, "queue within its 2 MiB budget: " + maxQueueBytes);
        assertTrue(
            secondHalfRss <= firstHalfRss + 48 * 1024,
            "anonymous memory outside the heap grew from "
                + firstHalfRss
                + " to "
                + secondHalfRss
                + " KiB");
        assertTrue(daemon.isAlive());
        assertEquals(0, daemon.terminate());
      }
    }
  }

  /**
   * Anonymous resident memory: the heap, malloc and direct buffers, where a leak shows. Mapped
   * files (the journal's growing cycle, the index) are left out: their pages are the page cache's.
   */
  private static long anonymousKib(long pid) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("RssAnon:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new AssertionError("no RssAnon in /proc/" + pid + "/status");
  }

  private static long maxOutsideHeap(List<long[]> samples) {
    return samples.stream().mapToLong(s -> s[3] - s[4]).max().orElseThrow();
  }

  private static void checkWhatTheStubReceived(StubProviderServer.Received request)
      throws Exception {
    assertEquals("/v1/messages", request.path());
    assertEquals(API_KEY, request.header("x-api-key"));
    assertEquals("2023-06-01", request.header("anthropic-version"));
    JsonObject body = new JsonObject(request.body());
    assertEquals("claude-test", body.getString("model"));
    JsonArray content = body.getJsonArray("messages").getJsonObject(0).getJsonArray("content");
    int images = 0;
    for (Object block : content) {
      JsonObject b = (JsonObject) block;
      if (b.getString("type").equals("image")) {
        images++;
        JsonObject source = b.getJsonObject("source");
        assertEquals("base64", source.getString("type"));
        byte[] bytes = Base64.getDecoder().decode(source.getString("data"));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertNotNull(image, "image block " + images + " decodes");
        assertTrue(Math.max(image.getWidth(), image.getHeight()) <= 1568);
        assertTrue(image.getWidth() <= 320 && image.getHeight() <= 180, "within the screen");
      }
    }
    assertTrue(images >= 1, "the request carries images: " + request.body().length() + " chars");
    assertEquals("text", content.getJsonObject(content.size() - 1).getString("type"));
  }

  private static void assertKeyAppearsNowhere(String log, List<String> responses, Path dataDir)
      throws Exception {
    assertFalse(log.contains(API_KEY), "the key is in the daemon's output");
    for (String body : responses) {
      assertFalse(body.contains(API_KEY), "the key is in an API response");
    }
    byte[] key = API_KEY.getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.walk(dataDir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        byte[] content = Files.readAllBytes(file);
        assertFalse(contains(content, key), "the key is in " + file);
      }
    }
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}

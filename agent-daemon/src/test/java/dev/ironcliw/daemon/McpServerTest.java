package dev.ironcliw.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.daemon.text.TesseractEngine;
import dev.ironcliw.daemon.text.TextEngineUnavailableException;
import dev.ironcliw.testing.NativePiece;
import dev.ironcliw.testing.NativeRequirement;
import dev.ironcliw.testing.Waits;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema.BlobResourceContents;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ImageContent;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22: the SDK's own MCP client launches {@code ironcliw mcp} over stdio against a real daemon
 * replaying screenshots with known text (read by Tesseract), lists the tools and calls each: the
 * search finds a phrase, the frame decodes to the screenshot, pause pauses. Bad arguments are tool
 * errors, the server goes on, and the token appears nowhere.
 */
class McpServerTest {
  static final List<String> TOOLS =
      List.of(
          "search_screen",
          "recent_activity",
          "get_frame",
          "get_insights",
          "get_status",
          "pause_capture",
          "resume_capture");

  @TempDir Path temp;

  @Test
  void shouldAnswerEveryToolFromARealDaemonAndTurnBadArgumentsIntoToolErrors() throws Exception {
    try {
      TesseractEngine.open("eng").close();
    } catch (TextEngineUnavailableException e) {
      NativeRequirement.require(false, NativePiece.TESSERACT, e.getMessage());
    }
    Path shots = Files.createDirectories(temp.resolve("shots"));
    TextScreenshots.write(shots.resolve("0.png"));
    TextScreenshots.write(shots.resolve("1.png"), "Quarterly revenue table approved");
    Path config = temp.resolve("ironcliw.yaml");
    Files.writeString(
        config,
        """
        capture:
          fps: 10
          replayLoop: true
          ringHistory: 1min
        memory:
          budgets:
            frameRing: 32MiB
        vision:
          provider: none
        text:
          engine: tesseract
          settle: 300ms
        """);
    Path data = temp.resolve("data");
    int port = DaemonProcess.freePort();
    try (DaemonProcess daemon =
        DaemonProcess.start(
                null, data, port, "--config", config.toString(), "--source", "replay:" + shots)
            .awaitReady()) {
      Waits.await("the phrase indexed", Duration.ofSeconds(60))
          .until(() -> !search(daemon, "\"revenue table\"").isEmpty());
      String token = daemon.token();
      List<String> stderr = Collections.synchronizedList(new ArrayList<>());
      StdioClientTransport transport =
          new StdioClientTransport(mcpServer(data, port), McpJsonDefaults.getMapper());
      transport.setStdErrorHandler(stderr::add);
      List<String> answers = new ArrayList<>();
      try (McpSyncClient client =
          McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build()) {
        client.initialize();
        List<Tool> tools = client.listTools().tools();
        System.out.println("mcp tools: " + tools.stream().map(Tool::name).toList());
        assertEquals(TOOLS, tools.stream().map(Tool::name).toList());
        for (Tool tool : tools) {
          assertTrue(tool.description().length() > 40, tool.name());
          assertEquals("object", tool.inputSchema().get("type"), tool.name());
        }

        CallToolResult found =
            call(client, "search_screen", Map.of("query", "\"revenue table\"", "limit", 5));
        answers.add(text(found));
        System.out.println("search_screen: " + text(found));
        assertFalse(found.isError(), text(found));
        assertTrue(text(found).contains("[revenue] [table]"), text(found));
        @SuppressWarnings("unchecked")
        Map<String, Object> first =
            ((List<Map<String, Object>>)
                    ((Map<String, Object>) found.structuredContent()).get("results"))
                .getFirst();
        long seq = ((Number) first.get("seq")).longValue();

        CallToolResult frame = call(client, "get_frame", Map.of("seq", seq));
        assertFalse(frame.isError(), frame.toString());
        BufferedImage image =
            ImageIO.read(
                new ByteArrayInputStream(
                    Base64.getDecoder().decode(((ImageContent) frame.content().get(0)).data())));
        BufferedImage shot = ImageIO.read(shots.resolve("1.png").toFile());
        assertEquals(shot.getWidth(), image.getWidth());
        assertEquals(shot.getHeight(), image.getHeight());
        for (int y = 0; y < shot.getHeight(); y += 7) {
          for (int x = 0; x < shot.getWidth(); x += 7) {
            assertEquals(shot.getRGB(x, y) & 0xFFFFFF, image.getRGB(x, y) & 0xFFFFFF, x + "," + y);
          }
        }
        String frameText = ((TextContent) frame.content().get(1)).text();
        answers.add(frameText);
        assertTrue(frameText.contains("revenue table"), frameText);

        CallToolResult small =
            call(client, "get_frame", Map.of("seq", seq, "maxEdge", 320, "region", "0,0,640,100"));
        BufferedImage part =
            ImageIO.read(
                new ByteArrayInputStream(
                    Base64.getDecoder().decode(((ImageContent) small.content().get(0)).data())));
        assertEquals(320, part.getWidth(), "the region, scaled to maxEdge");

        for (String tool : List.of("recent_activity", "get_insights", "get_status")) {
          CallToolResult result = call(client, tool, Map.of());
          answers.add(text(result));
          System.out.println(tool + ": " + text(result));
          assertFalse(result.isError(), tool + ": " + text(result));
        }

        long before = processed(daemon);
        CallToolResult paused = call(client, "pause_capture", Map.of("for", "10m"));
        assertFalse(paused.isError(), text(paused));
        // The capture thread takes the hold at its next tick: status says so a moment later.
        Waits.await("capture paused", Duration.ofSeconds(10))
            .until(() -> daemon.status().getJsonObject("capture").getBoolean("paused"));
        // Frames captured before the hold took effect may still be in the pipeline: counted once
        // the count holds still for half a second.
        long during = settledProcessed(daemon);
        Thread.sleep(1000);
        assertEquals(during, processed(daemon), "no frame while paused");
        assertTrue(during >= before);
        assertFalse(call(client, "resume_capture", Map.of()).isError());
        Waits.await("capture again", Duration.ofSeconds(10))
            .until(() -> processed(daemon) > during);

        var current = client.readResource(ReadResourceRequest.builder("screen://current").build());
        BlobResourceContents blob = (BlobResourceContents) current.contents().get(0);
        assertEquals("image/png", blob.mimeType());
        assertTrue(
            ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(blob.blob())))
                    .getWidth()
                == 640);

        // Bad arguments: tool errors of one sentence; the server goes on answering.
        assertToolError(client, "search_screen", Map.of(), "query");
        assertToolError(client, "search_screen", Map.of("query", "x".repeat(10_000)), "query");
        assertToolError(client, "get_frame", Map.of("seq", -1), "seq");
        assertToolError(client, "get_frame", Map.of("seq", 999_999_999), "999999999");
        assertToolError(
            client, "search_screen", Map.of("query", "revenue", "from", "yesterday"), "from");
        assertThrows(RuntimeException.class, () -> call(client, "no_such_tool", Map.of()));
        assertFalse(call(client, "get_status", Map.of()).isError(), "still serving");
      }
      for (String line : stderr) {
        assertFalse(line.contains(token), "the token on stderr: " + line);
      }
      for (String answer : answers) {
        assertFalse(answer.contains(token), "the token in an answer");
      }
      assertEquals(0, daemon.terminate());
    }
  }

  /** A client against no daemon: each call is a tool error that says how to start it. */
  @Test
  void shouldSayHowToStartTheDaemonWhenItIsNotRunning() throws Exception {
    Path data = Files.createDirectories(temp.resolve("data"));
    Files.writeString(data.resolve("api-token"), "not-a-real-token\n");
    Files.setPosixFilePermissions(
        data, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    StdioClientTransport transport =
        new StdioClientTransport(
            mcpServer(data, DaemonProcess.freePort()), McpJsonDefaults.getMapper());
    try (McpSyncClient client =
        McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build()) {
      long start = System.nanoTime();
      client.initialize();
      System.out.printf("mcp: initialized in %d ms%n", (System.nanoTime() - start) / 1_000_000);
      CallToolResult result = call(client, "get_status", Map.of());
      assertTrue(result.isError());
      assertTrue(text(result).contains("not running") && text(result).contains("ironcliw run"));
    }
  }

  /** {@code java ... Main mcp} against the daemon of {@code data} and {@code port}. */
  static ServerParameters mcpServer(Path data, int port) {
    List<String> command =
        DaemonProcess.command(
            "128m", "mcp", "--data-dir", data.toString(), "--port", Integer.toString(port));
    return ServerParameters.builder(command.getFirst())
        .args(command.subList(1, command.size()))
        .build();
  }

  private static CallToolResult call(McpSyncClient client, String tool, Map<String, Object> args) {
    return client.callTool(CallToolRequest.builder(tool).arguments(args).build());
  }

  private static void assertToolError(
      McpSyncClient client, String tool, Map<String, Object> args, String named) {
    CallToolResult result = call(client, tool, args);
    assertTrue(result.isError(), tool + " " + args.keySet() + ": " + text(result));
    assertTrue(text(result).contains(named), text(result));
    System.out.println("tool error, " + tool + ": " + text(result));
  }

  private static String text(CallToolResult result) {
    return result.content().stream()
        .filter(TextContent.class::isInstance)
        .map(c -> ((TextContent) c).text())
        .reduce("", String::concat);
  }

  /** Frames processed, once two readings half a second apart agree (at most 10 s). */
  private static long settledProcessed(DaemonProcess daemon) throws Exception {
    long last = processed(daemon);
    for (int i = 0; i < 20; i++) {
      Thread.sleep(500);
      long now = processed(daemon);
      if (now == last) {
        return now;
      }
      last = now;
    }
    return last;
  }

  private static long processed(DaemonProcess daemon) throws Exception {
    return daemon.status().getJsonObject("frames").getLong("processed");
  }

  private static JsonArray search(DaemonProcess daemon, String q) throws Exception {
    return new JsonObject(
            daemon.get("/api/v1/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)).body())
        .getJsonArray("results");
  }
}

package dev.ironcliw.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22: the MCP server on the daemon's own port ({@code POST /mcp}), reached by the SDK's own
 * Streamable HTTP client: the same tools as stdio, behind the API's token, Host and Origin checks.
 */
class McpHttpTest {
  @TempDir Path temp;

  @Test
  void shouldServeTheToolsOverHttpOnlyWithTheTokenAndFromLoopback() throws Exception {
    int port = DaemonProcess.freePort();
    try (DaemonProcess daemon =
        DaemonProcess.start(temp.resolve("data"), port, "--source", "synthetic").awaitReady()) {
      String base = "http://127.0.0.1:" + port;
      try (McpSyncClient client = client(base, daemon.token())) {
        try {
          client.initialize();
        } catch (RuntimeException e) {
          throw new AssertionError(
              "initialize over HTTP failed; daemon alive: "
                  + daemon.isAlive()
                  + "; its output:\n"
                  + daemon.output(),
              e);
        }
        assertEquals(
            McpServerTest.TOOLS, client.listTools().tools().stream().map(Tool::name).toList());
        CallToolResult status =
            client.callTool(CallToolRequest.builder("get_status").arguments(Map.of()).build());
        assertFalse(status.isError(), status.toString());
        assertTrue(text(status).startsWith("State: "), text(status));
        CallToolResult bad =
            client.callTool(
                CallToolRequest.builder("get_frame").arguments(Map.of("seq", -1)).build());
        assertTrue(bad.isError(), text(bad));
      }
      try (McpSyncClient stranger = client(base, "not-the-token")) {
        assertThrows(RuntimeException.class, stranger::initialize, "no token, no answer");
      }
      try (HttpClient http = HttpClient.newHttpClient()) {
        String initialize = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
        HttpResponse<String> fromPage =
            http.send(
                HttpRequest.newBuilder(URI.create(base + "/mcp"))
                    .header("Authorization", "Bearer " + daemon.token())
                    .header("Origin", "https://evil.example")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(initialize))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, fromPage.statusCode(), fromPage.body());
        HttpResponse<String> stream =
            http.send(
                HttpRequest.newBuilder(URI.create(base + "/mcp"))
                    .header("Authorization", "Bearer " + daemon.token())
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, stream.statusCode());
        HttpResponse<String> garbage =
            http.send(
                HttpRequest.newBuilder(URI.create(base + "/mcp"))
                    .header("Authorization", "Bearer " + daemon.token())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("not json"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, garbage.statusCode(), garbage.body());
      }
      assertEquals(0, daemon.terminate());
    }
  }

  private static McpSyncClient client(String base, String token) {
    return McpClient.sync(
            HttpClientStreamableHttpTransport.builder(base)
                .endpoint("/mcp")
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
                .build())
        .requestTimeout(Duration.ofSeconds(20))
        .build();
  }

  private static String text(CallToolResult result) {
    return result.content().stream()
        .filter(TextContent.class::isInstance)
        .map(c -> ((TextContent) c).text())
        .reduce("", String::concat);
  }
}

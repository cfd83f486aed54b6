package dev.ironcliw.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.testing.NativePiece;
import dev.ironcliw.testing.NativeRequirement;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22: an MCP client written by others, the MCP Inspector's command line, lists the tools of
 * {@code ironcliw mcp} and calls {@code search_screen} against a real daemon.
 */
class McpInspectorTest {
  private static final Path INSPECTOR =
      Path.of("..", "target", "mcp-inspector", "node_modules", ".bin", "mcp-inspector")
          .toAbsolutePath()
          .normalize();

  @TempDir Path temp;

  @Test
  void shouldListTheToolsAndSearchThroughTheInspectorsCommandLine() throws Exception {
    NativeRequirement.require(Files.isExecutable(INSPECTOR), NativePiece.MCP_INSPECTOR);
    Path data = temp.resolve("data");
    int port = DaemonProcess.freePort();
    try (DaemonProcess daemon =
        DaemonProcess.start(data, port, "--source", "synthetic").awaitReady()) {
      JsonObject listed = inspect(data, port, "--method", "tools/list");
      System.out.println("inspector tools/list: " + listed.encode().substring(0, 300) + "...");
      JsonArray tools = listed.getJsonArray("tools");
      List<String> names = new ArrayList<>();
      tools.forEach(t -> names.add(((JsonObject) t).getString("name")));
      assertEquals(McpServerTest.TOOLS, names);

      JsonObject searched =
          inspect(
              data,
              port,
              "--method",
              "tools/call",
              "--tool-name",
              "search_screen",
              "--tool-arg",
              "query=desktop");
      System.out.println("inspector search_screen: " + searched.encode());
      assertFalse(searched.getBoolean("isError", false), searched.encode());
      assertTrue(searched.getJsonObject("structuredContent").containsKey("results"));
      String text = searched.getJsonArray("content").getJsonObject(0).getString("text");
      assertTrue(text.contains("\"desktop\""), text);
      assertFalse(searched.encode().contains(daemon.token()), "the token in the answer");
      assertEquals(0, daemon.terminate());
    }
  }

  /** Runs the inspector's command line against {@code ironcliw mcp}; its JSON answer. */
  private JsonObject inspect(Path data, int port, String... method) throws Exception {
    List<String> command = new ArrayList<>(List.of(INSPECTOR.toString(), "--cli"));
    command.addAll(
        DaemonProcess.command(
            "128m", "mcp", "--data-dir", data.toString(), "--port", Integer.toString(port)));
    command.addAll(List.of(method));
    Path out = temp.resolve("inspector.out");
    Path err = temp.resolve("inspector.err");
    Process inspector =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertTrue(inspector.waitFor(120, TimeUnit.SECONDS), "the inspector ended");
    String answer = Files.readString(out, StandardCharsets.UTF_8);
    assertEquals(0, inspector.exitValue(), answer + Files.readString(err, StandardCharsets.UTF_8));
    return new JsonObject(answer);
  }
}

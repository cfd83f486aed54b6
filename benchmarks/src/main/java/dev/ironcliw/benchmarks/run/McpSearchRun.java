package dev.ironcliw.benchmarks.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code search_screen} through {@code ./ironcliw mcp} (the SDK's stdio client, as an assistant
 * calls it) against the same search over the HTTP API, alternately, on a daemon capturing the
 * synthetic desktop and reading its text. Prints the median and p99 of each and the MCP server's
 * start.
 *
 * <pre>./ironcliw bench McpSearchRun [calls=200]</pre>
 */
public final class McpSearchRun {
  private static final ObjectMapper JSON = new ObjectMapper();

  private McpSearchRun() {}

  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    Path work = Files.createTempDirectory("ironcliw-mcp");
    int port = DaemonClient.freePort();
    DaemonClient api = new DaemonClient(work.resolve("data"), port);
    Path config = work.resolve("ironcliw.yaml");
    Files.writeString(config, "text:\n  settle: 300ms\n");
    Process daemon = api.launch(config, "synthetic", work.resolve("daemon.log"));
    try {
      api.awaitStarted(daemon);
      String word = wordOnScreen(api);
      String path = "/api/v1/search?limit=10&q=" + URLEncoder.encode(word, StandardCharsets.UTF_8);
      List<String> stderr = Collections.synchronizedList(new ArrayList<>());
      StdioClientTransport transport =
          new StdioClientTransport(
              ServerParameters.builder(DaemonClient.launcher())
                  .args("mcp", "--data-dir", work.resolve("data").toString(), "--port", "" + port)
                  .build(),
              McpJsonDefaults.getMapper());
      transport.setStdErrorHandler(stderr::add);
      List<Double> viaApi = new ArrayList<>();
      List<Double> viaMcp = new ArrayList<>();
      int hits = 0;
      try (McpSyncClient client =
          McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build()) {
        long start = System.nanoTime();
        client.initialize();
        double initMillis = (System.nanoTime() - start) / 1e6;
        CallToolRequest request =
            CallToolRequest.builder("search_screen")
                .arguments(Map.of("query", word, "limit", 10))
                .build();
        for (int i = 0; i < calls + 20; i++) {
          long a = System.nanoTime();
          JsonNode answer = JSON.readTree(api.get(path));
          double apiMillis = (System.nanoTime() - a) / 1e6;
          long m = System.nanoTime();
          CallToolResult result = client.callTool(request);
          double mcpMillis = (System.nanoTime() - m) / 1e6;
          if (result.isError()) {
            throw new IllegalStateException("search_screen failed: " + result.content());
          }
          hits = answer.path("results").size();
          if (i >= 20) { // the first 20 warm up
            viaApi.add(apiMillis);
            viaMcp.add(mcpMillis);
          }
          Thread.sleep(50);
        }
        System.out.printf(
            Locale.ROOT,
            "mcp: client start to initialized %.0f ms (the server: %s)%n",
            initMillis,
            stderr.stream()
                .filter(l -> l.contains("ms after the JVM started"))
                .findFirst()
                .orElse("?"));
      }
      System.out.printf(
          Locale.ROOT,
          "search for \"%s\" (%d hits of 10 at most), %d calls each, alternating:%n"
              + "  HTTP API          median %.2f ms, p99 %.2f ms%n"
              + "  MCP search_screen median %.2f ms, p99 %.2f ms (%.1fx the API's median)%n",
          word,
          hits,
          calls,
          percentile(viaApi, 0.5),
          percentile(viaApi, 0.99),
          percentile(viaMcp, 0.5),
          percentile(viaMcp, 0.99),
          percentile(viaMcp, 0.5) / percentile(viaApi, 0.5));
    } finally {
      daemon.destroy();
      if (!daemon.waitFor(60, TimeUnit.SECONDS)) {
        daemon.destroyForcibly();
      }
    }
  }

  /** A word of four letters or more read on the screen, once the reader has read some. */
  private static String wordOnScreen(DaemonClient api) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      JsonNode status = JSON.readTree(api.get("/api/v1/status"));
      long seq = status.path("frames").path("lastSeq").asLong(-1);
      if (seq >= 0) {
        for (JsonNode line :
            JSON.readTree(api.get("/api/v1/frames/" + seq + "/text")).path("lines")) {
          for (String w : line.path("text").asText().split("\\s+")) {
            if (w.matches("\\p{L}{5,}")) {
              return w;
            }
          }
        }
      }
      Thread.sleep(500);
    }
    return "desktop";
  }

  private static double percentile(List<Double> millis, double p) {
    List<Double> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    return sorted.get((int) Math.min(sorted.size() - 1, sorted.size() * p));
  }
}

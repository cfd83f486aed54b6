package dev.ironcliw.daemon.mcp;

import dev.ironcliw.daemon.search.SnippetText;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Content;
import io.modelcontextprotocol.spec.McpSchema.ImageContent;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The MCP tools over the daemon's API: each answers text a model can read (and structured content
 * where a program would want it), and every failure, from bad arguments to a daemon that is not
 * running, is a tool error of one sentence.
 */
public final class ScreenTools {
  /** The long edge a frame is scaled to by default: what vision models take without shrinking. */
  static final int DEFAULT_MAX_EDGE = 1568;

  private final DaemonApi api;
  private final Clock clock;

  public ScreenTools(DaemonApi api, Clock clock) {
    this.api = api;
    this.clock = clock;
  }

  /** A tool and what it does. */
  private record Entry(Tool tool, Function<ToolArguments, CallToolResult> handler) {}

  /** Every tool, in the order a client lists them. */
  public List<Tool> tools() {
    return entries().stream().map(Entry::tool).toList();
  }

  /** The tools for the SDK's stdio server, each calling {@link #call}. */
  public List<SyncToolSpecification> specifications() {
    return tools().stream()
        .map(
            tool ->
                SyncToolSpecification.builder()
                    .tool(tool)
                    .callHandler((exchange, request) -> call(request.name(), request.arguments()))
                    .build())
        .toList();
  }

  /**
   * Calls tool {@code name}; any failure, from bad arguments to a daemon that is not running, is a
   * tool error of one sentence.
   */
  public CallToolResult call(String name, Map<String, Object> arguments) {
    Entry entry =
        entries().stream().filter(e -> e.tool().name().equals(name)).findFirst().orElse(null);
    if (entry == null) {
      return error("There is no tool " + name + ".");
    }
    try {
      return entry.handler().apply(new ToolArguments(arguments));
    } catch (IllegalArgumentException | DaemonApiException e) {
      return error(e.getMessage());
    } catch (RuntimeException e) {
      return error(name + " failed: " + e);
    }
  }

  private List<Entry> entries() {
    return List.of(
        tool(
            "search_screen",
            "Search the text that was on the user's screen (read off the screen, window titles and"
                + " insights), best match first. Use it to find where or when the user saw"
                + " something: an error message, a name, a number. Each hit has its time, app,"
                + " window, the text around the match and the frame's seq for get_frame.",
            schema(
                Map.of(
                    "query",
                    property(
                        "string",
                        "Words to find; \"a quoted phrase\" for words in order; one misread letter"
                            + " is forgiven",
                        Map.of("minLength", 1, "maxLength", 1000)),
                    "from",
                    property("string", TIME, Map.of()),
                    "to",
                    property("string", TIME, Map.of()),
                    "app",
                    property("string", "Only text seen in this application, e.g. XTerm", Map.of()),
                    "limit",
                    property(
                        "integer",
                        "Hits to answer, 1 to 100 (default 10)",
                        Map.of("minimum", 1, "maximum", 100))),
                List.of("query")),
            this::searchScreen),
        tool(
            "recent_activity",
            "What the user did in the last minutes: which app and window had the focus and for how"
                + " long, how much the screen changed, and what the vision model noticed then. Use"
                + " it to summarize recent work.",
            schema(
                Map.of(
                    "minutes",
                    property(
                        "integer",
                        "How far back, in minutes, 1 to 10080 (default 30)",
                        Map.of("minimum", 1, "maximum", 10080))),
                List.of()),
            this::recentActivity),
        tool(
            "get_frame",
            "A picture of the screen at a frame (a seq from search_screen or recent_activity) and"
                + " the text read on it. Use it to look at what the user saw.",
            schema(
                Map.of(
                    "seq",
                    property("integer", "The frame's seq", Map.of("minimum", 0)),
                    "region",
                    property(
                        "string",
                        "Only this part of it: x,y,width,height in the frame's pixels",
                        Map.of("pattern", "^\\s*\\d+\\s*,\\s*\\d+\\s*,\\s*\\d+\\s*,\\s*\\d+\\s*$")),
                    "maxEdge",
                    property(
                        "integer",
                        "The picture's longest side at most, in pixels (default 1568)",
                        Map.of("minimum", 64, "maximum", 8192))),
                List.of("seq")),
            this::getFrame),
        tool(
            "get_insights",
            "What the vision model said about the screen (activity, app, whether the user needed"
                + " help and its suggestion), newest first.",
            schema(
                Map.of(
                    "from",
                    property("string", TIME, Map.of()),
                    "to",
                    property("string", TIME, Map.of()),
                    "limit",
                    property(
                        "integer",
                        "Insights to answer, 1 to 100 (default 20)",
                        Map.of("minimum", 1, "maximum", 100))),
                List.of()),
            this::getInsights),
        tool(
            "get_status",
            "Whether the screen is being captured (or paused, and why), memory pressure, disk"
                + " space, the vision model and the text index, in a few lines.",
            schema(Map.of(), List.of()),
            arguments -> getStatus()),
        tool(
            "pause_capture",
            "Stop capturing the screen, until resume_capture or for a while. Use it when the user"
                + " asks for privacy.",
            schema(
                Map.of(
                    "for",
                    property(
                        "string",
                        "How long, e.g. 10m or 2h (1s to 7d); until resumed when left out",
                        Map.of())),
                List.of()),
            this::pauseCapture),
        tool(
            "resume_capture",
            "Capture the screen again after pause_capture.",
            schema(Map.of(), List.of()),
            arguments -> resumeCapture()));
  }

  private static final String TIME =
      "An ISO-8601 time (2026-12-06T10:00:00Z) or a span back from now (30m, 2h, 1d)";

  private CallToolResult searchScreen(ToolArguments arguments) {
    String query = arguments.requiredText("query");
    Instant now = clock.instant();
    Instant from = arguments.time("from", now);
    Instant to = arguments.time("to", now);
    String app = arguments.text("app");
    long limit = arguments.number("limit", 1, 100, 10);
    JsonObject answer =
        api.getJson(
            "/api/v1/search?limit="
                + limit
                + "&q="
                + encode(query)
                + (from == null ? "" : "&from=" + from)
                + (to == null ? "" : "&to=" + to)
                + (app == null || app.isBlank() ? "" : "&app=" + encode(app)));
    JsonArray results = answer.getJsonArray("results", new JsonArray());
    StringBuilder text = new StringBuilder();
    List<Map<String, Object>> hits = new ArrayList<>();
    String quoted = query.startsWith("\"") ? query : "\"" + query + "\"";
    text.append(
        results.isEmpty()
            ? "Nothing on screen matched " + quoted + "."
            : results.size()
                + (results.size() == 1 ? " hit" : " hits")
                + " for "
                + quoted
                + ", best first:");
    for (int i = 0; i < results.size(); i++) {
      JsonObject hit = results.getJsonObject(i);
      String snippet = SnippetText.plain(hit.getString("snippet", ""), "[", "]");
      text.append('\n')
          .append(i + 1)
          .append(". ")
          .append(hit.getString("firstSeen"))
          .append(" · ")
          .append(named(hit.getString("app")))
          .append(" · ")
          .append(named(hit.getString("window")))
          .append(" · ")
          .append(hit.getString("kind"))
          .append(hit.getValue("seq") == null ? "" : " · frame " + hit.getLong("seq"))
          .append("\n   ")
          .append(snippet.replaceAll("\\s+", " ").strip());
      Map<String, Object> structured = new LinkedHashMap<>();
      structured.put("seq", hit.getValue("seq"));
      structured.put("firstSeen", hit.getString("firstSeen"));
      structured.put("lastSeen", hit.getString("lastSeen"));
      structured.put("app", hit.getString("app"));
      structured.put("window", hit.getString("window"));
      structured.put("kind", hit.getString("kind"));
      structured.put("snippet", snippet);
      structured.put("score", hit.getValue("score"));
      hits.add(structured);
    }
    return CallToolResult.builder()
        .addTextContent(text.toString())
        .structuredContent(Map.of("results", hits))
        .isError(false)
        .build();
  }

  private CallToolResult recentActivity(ToolArguments arguments) {
    long minutes = arguments.number("minutes", 1, 10080, 30);
    Instant from = clock.instant().minusSeconds(minutes * 60);
    JsonArray spans = api.getJson("/api/v1/activity?limit=1000&from=" + from).getJsonArray("spans");
    JsonArray insights =
        api.getJson("/api/v1/insights?limit=50&from=" + from).getJsonArray("insights");
    StringBuilder text = new StringBuilder("The last " + minutes + " minutes");
    if (spans.isEmpty()) {
      text.append(": no window had the focus that the daemon could name.");
    } else {
      text.append(", oldest first:");
    }
    for (Object o : spans) {
      JsonObject span = (JsonObject) o;
      text.append("\n- ")
          .append(span.getString("from"))
          .append(" to ")
          .append(span.getString("to"))
          .append(": ")
          .append(
              span.getBoolean("excluded", false)
                  ? "a window the privacy rules exclude"
                  : named(span.getString("app")) + " · " + named(span.getString("window")))
          .append(" (")
          .append(span.getLong("frames"))
          .append(" frames, ")
          .append(span.getLong("changes"))
          .append(" changes)");
    }
    appendInsights(text, insights);
    return CallToolResult.builder()
        .addTextContent(text.toString())
        .structuredContent(Map.of("spans", spans.getList(), "insights", insights.getList()))
        .isError(false)
        .build();
  }

  private CallToolResult getFrame(ToolArguments arguments) {
    long seq = arguments.number("seq", 0, Long.MAX_VALUE, -1);
    if (seq < 0) {
      throw new IllegalArgumentException("seq is missing: give a frame's seq from search_screen");
    }
    String region = arguments.text("region");
    long maxEdge = arguments.number("maxEdge", 64, 8192, DEFAULT_MAX_EDGE);
    JsonObject frame = api.getJson("/api/v1/frames/" + seq);
    long width = frame.getLong("width");
    long height = frame.getLong("height");
    if (region != null && !region.isBlank()) {
      String[] parts = region.split(",");
      width = Long.parseLong(parts[2].strip());
      height = Long.parseLong(parts[3].strip());
    }
    double scale = Math.min(1.0, (double) maxEdge / Math.max(1, Math.max(width, height)));
    byte[] png =
        api.getBytes(
            "/api/v1/frames/"
                + seq
                + "/image?format=png&scale="
                + scale
                + (region == null || region.isBlank() ? "" : "&region=" + encode(region.strip())));
    List<Content> content = new ArrayList<>();
    content.add(ImageContent.builder(Base64.getEncoder().encodeToString(png), "image/png").build());
    content.add(
        TextContent.builder(frameText(frame, api.getJson("/api/v1/frames/" + seq + "/text")))
            .build());
    return CallToolResult.builder(content).isError(false).build();
  }

  /** A frame's time, window and the text read on it, for a model. */
  static String frameText(JsonObject frame, JsonObject text) {
    StringBuilder out =
        new StringBuilder("Frame ")
            .append(frame.getLong("seq"))
            .append(", captured ")
            .append(frame.getString("capturedAt"))
            .append(", ")
            .append(frame.getLong("width"))
            .append("x")
            .append(frame.getLong("height"))
            .append(" pixels, the focus on ")
            .append(named(frame.getString("app")))
            .append(" · ")
            .append(named(frame.getString("window")))
            .append('.');
    JsonArray lines = text.getJsonArray("lines", new JsonArray());
    out.append(lines.isEmpty() ? "\nNo text was read on it." : "\nText on screen:");
    for (Object o : lines) {
      out.append('\n').append(((JsonObject) o).getString("text"));
    }
    return out.toString();
  }

  private CallToolResult getInsights(ToolArguments arguments) {
    Instant now = clock.instant();
    Instant from = arguments.time("from", now);
    Instant to = arguments.time("to", now);
    long limit = arguments.number("limit", 1, 100, 20);
    JsonArray insights =
        api.getJson(
                "/api/v1/insights?limit="
                    + limit
                    + (from == null ? "" : "&from=" + from)
                    + (to == null ? "" : "&to=" + to))
            .getJsonArray("insights");
    StringBuilder text = new StringBuilder();
    if (insights.isEmpty()) {
      text.append("No insights in that time (is a vision provider set? see get_status).");
    } else {
      text.append(insights.size()).append(" insights, newest first:");
      appendInsights(text, insights);
    }
    return CallToolResult.builder()
        .addTextContent(text.toString())
        .structuredContent(Map.of("insights", insights.getList()))
        .isError(false)
        .build();
  }

  private static void appendInsights(StringBuilder text, JsonArray insights) {
    for (Object o : insights) {
      JsonObject insight = (JsonObject) o;
      text.append("\n- ").append(insight.getString("receivedAt")).append(": ");
      if (insight.getBoolean("valid", false)) {
        text.append(insight.getString("activity", ""))
            .append(" (")
            .append(named(insight.getString("app")))
            .append(')');
        if (insight.getBoolean("needsHelp", false)) {
          text.append("; needed help: ").append(insight.getString("suggestion", ""));
        }
      } else {
        text.append("a reply that was not a valid insight");
      }
    }
  }

  private CallToolResult getStatus() {
    JsonObject s = api.getJson("/api/v1/status");
    JsonObject capture = s.getJsonObject("capture", new JsonObject());
    JsonObject userPause = capture.getJsonObject("userPause", new JsonObject());
    JsonObject disk =
        s.getJsonObject("journal", new JsonObject()).getJsonObject("disk", new JsonObject());
    JsonObject vision = s.getJsonObject("vision", new JsonObject());
    JsonObject text = s.getJsonObject("text", new JsonObject());
    String pressure =
        s.getJsonObject("memory", new JsonObject())
            .getJsonObject("pressure", new JsonObject())
            .getString("level", "?");
    String summary =
        String.join(
            "\n",
            "State: "
                + s.getString("state")
                + (capture.getBoolean("paused", false)
                    ? " (capture paused: " + capture.getString("pauseReason") + ")"
                    : ""),
            "User pause: "
                + (userPause.getBoolean("paused", false)
                    ? "on"
                        + (userPause.getValue("until") == null
                            ? ""
                            : " until " + userPause.getValue("until"))
                    : "off"),
            "Capture: "
                + capture.getValue("fpsActual10s")
                + " FPS of "
                + capture.getValue("fpsTarget")
                + ", "
                + capture.getValue("framesCaptured")
                + " frames since start",
            "Memory pressure: " + pressure,
            "Disk: "
                + disk.getString("state", "?")
                + ", "
                + disk.getValue("freeBytes")
                + " bytes free",
            "Vision: "
                + vision.getString("provider", "none")
                + ", "
                + vision.getValue("insights", 0)
                + " insights",
            "Text index: "
                + text.getValue("documents", 0)
                + " documents; reading with "
                + text.getJsonObject("reader", new JsonObject()).getString("engine", "?"));
    Map<String, Object> structured = new LinkedHashMap<>();
    structured.put("state", s.getString("state"));
    structured.put("paused", capture.getBoolean("paused", false));
    structured.put("pauseReason", capture.getString("pauseReason", ""));
    structured.put("pressure", pressure);
    structured.put("disk", disk.getString("state", "?"));
    structured.put("visionProvider", vision.getString("provider", "none"));
    return CallToolResult.builder()
        .addTextContent(summary)
        .structuredContent(structured)
        .isError(false)
        .build();
  }

  private CallToolResult pauseCapture(ToolArguments arguments) {
    String duration = arguments.text("for");
    JsonObject answer =
        api.post(
            "/api/v1/pause"
                + (duration == null || duration.isBlank() ? "" : "?for=" + encode(duration)));
    return CallToolResult.builder()
        .addTextContent(
            answer.getValue("until") == null
                ? "Capture is paused until resume_capture."
                : "Capture is paused until " + answer.getValue("until") + ".")
        .structuredContent(answer.getMap())
        .isError(false)
        .build();
  }

  private CallToolResult resumeCapture() {
    JsonObject answer = api.post("/api/v1/resume");
    return CallToolResult.builder()
        .addTextContent("Capture resumed (unless the screen is locked or memory is short).")
        .structuredContent(answer.getMap())
        .isError(false)
        .build();
  }

  private static Entry tool(
      String name,
      String description,
      Map<String, Object> inputSchema,
      Function<ToolArguments, CallToolResult> handler) {
    return new Entry(Tool.builder(name, inputSchema).description(description).build(), handler);
  }

  static CallToolResult error(String sentence) {
    return CallToolResult.builder().addTextContent(sentence).isError(true).build();
  }

  private static Map<String, Object> schema(
      Map<String, Map<String, Object>> properties, List<String> required) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", new LinkedHashMap<>(properties));
    schema.put("required", required);
    schema.put("additionalProperties", false);
    return schema;
  }

  private static Map<String, Object> property(
      String type, String description, Map<String, Object> more) {
    Map<String, Object> property = new LinkedHashMap<>();
    property.put("type", type);
    property.put("description", description);
    property.putAll(more);
    return property;
  }

  /** A name, or a dash where there is none (a replay, an excluded window). */
  private static String named(String name) {
    return name == null || name.isEmpty() ? "-" : name;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}

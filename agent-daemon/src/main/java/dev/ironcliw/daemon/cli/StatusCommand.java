package dev.ironcliw.daemon.cli;

import dev.ironcliw.daemon.lifecycle.ExitCodes;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ironcliw status}: asks the daemon that {@code run} with the same options would start (its
 * {@code api.port} and {@code api.bindAddress}, the API token in its data dir) for {@code
 * /api/v1/status} and prints it for a person, a line or two per part. The token is sent only once
 * the server proved it holds it ({@link LocalDaemon}), and never printed.
 */
public final class StatusCommand {
  private StatusCommand() {}

  public static int run(List<String> args, PrintStream out, PrintStream err) {
    LocalDaemon.Asked asked = LocalDaemon.ask(args, "/api/v1/status", "GET", err);
    HttpResponse<String> reply = asked.reply();
    if (reply == null) {
      return asked.failure();
    }
    LocalDaemon daemon = asked.daemon();
    String where = daemon.where();
    if (reply.statusCode() == 401) {
      err.println(
          "ironcliw: error: the daemon on "
              + where
              + " refused the token in "
              + daemon.tokenFile()
              + " (it runs with another data dir)");
      return ExitCodes.FAILURE;
    }
    if (reply.statusCode() != 200) {
      err.println(
          "ironcliw: error: the daemon on " + where + " answered HTTP " + reply.statusCode());
      return ExitCodes.FAILURE;
    }
    try {
      out.print(render(where, new JsonObject(reply.body())));
    } catch (DecodeException e) {
      err.println("ironcliw: error: the daemon on " + where + " sent a status that is not JSON");
      return ExitCodes.FAILURE;
    }
    return ExitCodes.OK;
  }

  /** The status reply as text; a missing field shows as "?" rather than failing. */
  public static String render(String where, JsonObject s) {
    StringBuilder text = new StringBuilder();
    JsonObject capture = part(s, "capture");
    JsonObject frames = part(s, "frames");
    JsonObject verdicts = part(frames, "byVerdict");
    JsonObject ring = part(s, "ring");
    JsonObject vision = part(s, "vision");
    JsonObject journal = part(s, "journal");
    JsonObject memory = part(s, "memory");
    JsonObject process = part(memory, "process");
    line(
        text,
        "daemon",
        "%s on %s, up %s",
        text(s, "state"),
        where,
        duration(s.getLong("uptimeSeconds", -1L)));
    line(
        text,
        "capture",
        "%s (displays: %s), %s; %s of %s FPS; %,d frames, %,d dropped and %,d missed ticks",
        text(capture, "source"),
        capture.getValue("displays") instanceof io.vertx.core.json.JsonArray displays
            ? String.join(", ", displays.stream().map(String::valueOf).toList())
            : "?",
        text(capture, "grabMethod"),
        text(capture, "fpsActual10s"),
        text(capture, "fpsTarget"),
        capture.getLong("framesCaptured", 0L),
        capture.getLong("droppedTicks", 0L),
        capture.getLong("missedTicks", 0L));
    if (capture.getBoolean("paused", false)) {
      line(text, "", "paused: %s", text(capture, "pauseReason"));
    }
    JsonObject connection = part(capture, "connection");
    if (connection.getLong("reconnects", 0L) > 0
        || !connection.getString("state", "connected").equals("connected")) {
      line(
          text,
          "",
          "connection: %s; %,d reconnects",
          text(connection, "state"),
          connection.getLong("reconnects", 0L));
    }
    line(
        text,
        "frames",
        "%,d processed: %,d duplicate, %,d revisit, %,d minor, %,d change; %,d handed to vision",
        frames.getLong("processed", 0L),
        verdicts.getLong("DUPLICATE", 0L),
        verdicts.getLong("REVISIT", 0L),
        verdicts.getLong("MINOR", 0L),
        verdicts.getLong("CHANGE", 0L),
        frames.getLong("handedToVision", 0L));
    StringBuilder stages = new StringBuilder();
    for (Map.Entry<String, Object> stage : part(frames, "stageMicros")) {
      if (stage.getValue() instanceof JsonObject q && q.getDouble("median", -1.0) >= 0) {
        stages.append(
            String.format(Locale.ROOT, " %s %.0f", stage.getKey(), q.getDouble("median")));
      }
    }
    if (!stages.isEmpty()) {
      line(text, "", "median us per frame:%s", stages);
    }
    line(
        text,
        "ring",
        "%s of %s slots active, %s occupied, %s; holds %s",
        text(ring, "activeSlots"),
        text(ring, "slots"),
        text(ring, "occupiedSlots"),
        mib(ring.getLong("activeBytes", -1L)),
        held(ring.getJsonObject("history", new JsonObject())));
    String backend = text(part(s, "diff"), "backend");
    int reason = backend.indexOf(" (auto:"); // why auto chose it: long, and in the log
    line(text, "diff", "%s", reason < 0 ? backend : backend.substring(0, reason));
    JsonObject breaker = part(vision, "breaker");
    line(
        text,
        "vision",
        "%s; %,d batches sent, %,d insights%s",
        text(vision, "provider"),
        vision.getLong("batchesSent", 0L),
        vision.getLong("insights", 0L),
        text(breaker, "state").isBlank() || text(breaker, "state").equals("?")
            ? "" // no provider, no breaker
            : ", breaker " + text(breaker, "state"));
    line(
        text,
        "journal",
        "%,d records, %s on disk since %s; %,d keyframes",
        journal.getLong("records", 0L),
        mib(journal.getLong("diskBytes", -1L)),
        journal.getValue("oldestDay") == null ? "today" : text(journal, "oldestDay"),
        part(journal, "keyframes").getLong("kept", 0L));
    JsonObject disk = part(journal, "disk");
    if (!disk.getString("state", "OK").equals("OK")) {
      line(
          text,
          "",
          "disk %s: %s free; %,d keyframes and %,d records not written",
          text(disk, "state"),
          mib(disk.getLong("freeBytes", -1L)),
          disk.getLong("keyframesSkipped", 0L),
          disk.getLong("recordsSkipped", 0L));
    }
    if (journal.getLong("damaged", 0L) > 0) {
      JsonObject repairs = part(journal, "repairs");
      line(
          text,
          "",
          "damaged: %,d records skipped; %d damaged files moved to %s",
          journal.getLong("damaged", 0L),
          repairs.getJsonArray("cycles", new io.vertx.core.json.JsonArray()).size()
              + (repairs.getValue("metadataMovedTo") == null ? 0 : 1),
          "journal/damaged/");
    }
    JsonObject recovery = part(s, "recovery");
    if (recovery.getLong("framesMissing", 0L) > 0) {
      line(
          text,
          "",
          "at start: %,d frames of the last run missing (lost, or in damaged records)",
          recovery.getLong("framesMissing", 0L));
    }
    if (recovery.getLong("framesLost", 0L) > 0 || recovery.getLong("ringSlotsDiscarded", 0L) > 0) {
      line(
          text,
          "",
          "at start: %,d frames of the last run lost, %,d half-written ring slots discarded",
          recovery.getLong("framesLost", 0L),
          recovery.getLong("ringSlotsDiscarded", 0L));
    }
    line(
        text,
        "memory",
        "resident %s (anonymous %s, files %s); heap %s used, %s taken, of %s; pressure %s",
        mib(process.getLong("rssBytes", -1L)),
        mib(process.getLong("rssAnonBytes", -1L)),
        mib(process.getLong("rssFileBytes", -1L)),
        mib(memory.getLong("heapUsedBytes", -1L)),
        mib(memory.getLong("heapCommittedBytes", -1L)),
        mib(memory.getLong("heapBudgetBytes", -1L)),
        text(part(memory, "pressure"), "level"));
    String configProblem = part(s, "config").getString("problem", "");
    if (!configProblem.isEmpty()) {
      line(text, "config", "%s %s", text(part(s, "config"), "file"), configProblem);
    }
    return text.toString();
  }

  private static String text(JsonObject parent, String name) {
    Object value = parent.getValue(name);
    return value == null ? "?" : value.toString();
  }

  private static JsonObject part(JsonObject parent, String name) {
    return parent.getValue(name) instanceof JsonObject child ? child : new JsonObject();
  }

  private static void line(StringBuilder text, String label, String format, Object... args) {
    text.append(
        String.format(Locale.ROOT, "%-8s %s%n", label, String.format(Locale.ROOT, format, args)));
  }

  /** The ring's history: "12.3 s of frames (2.5 s at 10.0 distinct frames a second)". */
  private static String held(JsonObject history) {
    Double atRate = history.getDouble("secondsAtCurrentRate");
    Double atCaptureRate = history.getDouble("secondsAtCaptureRate");
    return String.format(Locale.ROOT, "%.1f s of frames", history.getDouble("heldSeconds", 0.0))
        + (atRate == null
            ? ""
            : String.format(
                Locale.ROOT,
                " (%.1f s at %.1f distinct frames a second)",
                atRate,
                history.getDouble("distinctFramesPerSecond", 0.0)))
        + (atCaptureRate == null
            ? ""
            : String.format(Locale.ROOT, ", %.1f s when every frame changes", atCaptureRate));
  }

  private static String mib(long bytes) {
    return bytes < 0 ? "?" : String.format(Locale.ROOT, "%,.0f MiB", bytes / 1048576.0);
  }

  private static String duration(long seconds) {
    if (seconds < 0) {
      return "?";
    }
    return seconds < 3600
        ? String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60)
        : String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, seconds / 60 % 60);
  }
}

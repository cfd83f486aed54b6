package dev.ironcliw.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.capture.XvfbServer;
import dev.ironcliw.capture.x11.XTestClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21, part 1, end to end on a real X server: the daemon journals which window had the focus
 * (an EWMH window manager's _NET_ACTIVE_WINDOW, set here by a second X client as one would), only
 * when it changes; frames carry their app and window, {@code /frames?app=} filters by it, {@code
 * /api/v1/activity} answers the spans, and the title of a window the privacy rules exclude is
 * nowhere: not in the API, not in the journal's files.
 */
class DaemonFocusTest {
  private static final String SECRET_TITLE = "Secret salary review";

  @TempDir Path temp;

  @Test
  void shouldJournalTheFocusedWindowOnlyWhenItChangesAndNeverAnExcludedOnesTitle()
      throws Exception {
    Path data = temp.resolve("data");
    Path config = temp.resolve("ironcliw.yaml");
    Files.writeString(
        config,
        """
        capture:
          fps: 10
        memory:
          budgets:
            frameRing: 16MiB
        diff:
          backend: cpu
        privacy:
          exclude:
            titles: ['secret']
        vision:
          provider: none
        """);
    try (XvfbServer xvfb = XvfbServer.start(640, 360);
        XTestClient client = new XTestClient(xvfb.display())) {
      client.rootColour(0x336699);
      long term = client.window(20, 20, 280, 160, 0x111111, "bash: ~/src", "XTerm");
      long editor = client.window(320, 20, 280, 160, 0xEEEEEE, "notes.txt - gedit", "Gedit");
      long secret = client.window(100, 200, 200, 120, 0xABCDEF, SECRET_TITLE, "Gedit");
      JsonArray notes;
      try (DaemonProcess daemon =
          DaemonProcess.start(
                  xvfb.display(),
                  data,
                  DaemonProcess.freePort(),
                  Map.of(),
                  "--config",
                  config.toString())
              .awaitReady()) {
        long[] order = {term, editor, secret, term};
        for (int i = 0; i < order.length; i++) {
          client.activate(order[i]);
          int events = i + 1;
          JsonArray found = awaitContexts(daemon, events);
          long fromSeq = found.getJsonObject(0).getLong("fromSeq"); // newest first
          daemon.awaitStatus(
              s -> s.getJsonObject("journal").getLong("lastSeq") >= fromSeq + 3,
              Duration.ofSeconds(30));
        }
        client.rename(term, "vim notes.txt"); // the focused window's title, no redraw
        JsonArray contexts = awaitContexts(daemon, 5);
        List<String> windows = new ArrayList<>();
        for (int i = contexts.size() - 1; i >= 0; i--) {
          JsonObject c = contexts.getJsonObject(i);
          windows.add(
              c.getBoolean("excluded")
                  ? "(excluded)"
                  : c.getString("app") + "|" + c.getString("window"));
        }
        assertEquals(
            List.of(
                "XTerm|bash: ~/src",
                "Gedit|notes.txt - gedit",
                "(excluded)",
                "XTerm|bash: ~/src",
                "XTerm|vim notes.txt"),
            windows,
            "one event per change, none per frame");

        JsonArray spans =
            new JsonObject(daemon.get("/api/v1/activity").body()).getJsonArray("spans");
        assertEquals(5, spans.size(), spans.encode());
        for (int i = 0; i < 4; i++) {
          assertTrue(spans.getJsonObject(i).getLong("frames") >= 3, spans.encode());
        }
        JsonObject excludedSpan = spans.getJsonObject(2);
        assertTrue(excludedSpan.getBoolean("excluded"));
        assertNull(excludedSpan.getString("window"));

        List<JsonObject> xterm = daemon.allFrames("&app=xterm", 100);
        assertFalse(xterm.isEmpty());
        for (JsonObject f : xterm) {
          assertEquals("XTerm", f.getString("app"), f.encode());
        }
        long inSecret = excludedSpan.getLong("fromSeq");
        JsonObject secretFrame = new JsonObject(daemon.get("/api/v1/frames/" + inSecret).body());
        assertNull(secretFrame.getString("app"), secretFrame.encode());
        assertNull(secretFrame.getString("window"), secretFrame.encode());

        // Window titles are searchable (kind title), an excluded one is not.
        notes =
            dev.ironcliw.testing.Waits.await("the titles indexed", Duration.ofSeconds(30))
                .until(
                    () ->
                        new JsonObject(daemon.get("/api/v1/search?q=notes&kind=title").body())
                            .getJsonArray("results"),
                    results -> results.size() >= 2);
        List<String> titles = new ArrayList<>();
        notes.forEach(r -> titles.add(((JsonObject) r).getString("window")));
        assertTrue(
            titles.containsAll(List.of("notes.txt - gedit", "vim notes.txt")), titles.toString());
        assertEquals(
            "XTerm",
            new JsonObject(daemon.get("/api/v1/search?q=vim&app=xterm").body())
                .getJsonArray("results")
                .getJsonObject(0)
                .getString("app"));
        for (String route :
            List.of(
                "/api/v1/activity",
                "/api/v1/events",
                "/api/v1/frames?limit=1000",
                "/api/v1/search?q=salary",
                "/api/v1/search?q=secret")) {
          assertFalse(
              daemon.get(route).body().toLowerCase().contains("salary"),
              route + " holds the excluded title");
        }
        daemon.kill9(); // mid-indexing: the index commits every 10 s
      }
      // After the kill the index opens at its last commit and indexes the rest from the journal
      // again: every title found before is found again, once.
      try (DaemonProcess restarted =
          DaemonProcess.start(
                  xvfb.display(),
                  data,
                  DaemonProcess.freePort(),
                  Map.of(),
                  "--config",
                  config.toString())
              .awaitReady()) {
        JsonArray again =
            dev.ironcliw.testing.Waits.await("the titles indexed again", Duration.ofSeconds(30))
                .until(
                    () ->
                        new JsonObject(restarted.get("/api/v1/search?q=notes&kind=title").body())
                            .getJsonArray("results"),
                    results -> results.size() >= before(notes).size());
        List<String> before = before(notes);
        List<String> after = new ArrayList<>();
        again.forEach(r -> after.add(spanOf((JsonObject) r)));
        assertTrue(after.containsAll(before), before + " not all in " + after);
        assertEquals(after.size(), after.stream().distinct().count(), "no duplicates: " + after);
        assertEquals(0, restarted.terminate());
      }
      assertFalse(
          journalHolds(data.resolve("journal"), "salary"), "the journal's files hold the title");
      assertFalse(journalHolds(data.resolve("index"), "salary"), "the index's files hold it");
    }
  }

  private static List<String> before(JsonArray results) {
    List<String> spans = new ArrayList<>();
    results.forEach(r -> spans.add(spanOf((JsonObject) r)));
    return spans;
  }

  /** A title document by where it begins and what it says. */
  private static String spanOf(JsonObject result) {
    return result.getString("firstSeen") + " " + result.getString("window");
  }

  private static JsonArray awaitContexts(DaemonProcess daemon, int count) {
    JsonObject status =
        daemon.awaitStatus(
            s -> {
              try {
                return new JsonObject(daemon.get("/api/v1/events?kind=context").body())
                        .getJsonArray("events")
                        .size()
                    >= count;
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            },
            Duration.ofSeconds(30));
    try {
      return new JsonObject(daemon.get("/api/v1/events?kind=context").body())
          .getJsonArray("events");
    } catch (Exception e) {
      throw new IllegalStateException(status.encode(), e);
    }
  }

  private static boolean journalHolds(Path journal, String text) throws Exception {
    byte[] needle = text.getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.walk(journal)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        if (content.toLowerCase().contains(new String(needle, StandardCharsets.ISO_8859_1))) {
          return true;
        }
      }
    }
    return false;
  }
}

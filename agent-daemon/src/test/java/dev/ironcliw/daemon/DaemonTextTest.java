package dev.ironcliw.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.capture.XvfbServer;
import dev.ironcliw.capture.x11.XTestClient;
import dev.ironcliw.config.PlatformPaths;
import dev.ironcliw.config.privacy.EncryptionSettings;
import dev.ironcliw.daemon.journal.Journal;
import dev.ironcliw.daemon.search.TextIndex;
import dev.ironcliw.daemon.search.TextQuery;
import dev.ironcliw.daemon.text.TesseractEngine;
import dev.ironcliw.daemon.text.TextEngineUnavailableException;
import dev.ironcliw.daemon.vault.HistoryKeys;
import dev.ironcliw.daemon.vault.HistoryVault;
import dev.ironcliw.ring.Rect;
import dev.ironcliw.testing.NativePiece;
import dev.ironcliw.testing.NativeRequirement;
import dev.ironcliw.testing.Waits;
import dev.ironcliw.vision.provider.StubProviderServer;
import dev.ironcliw.vision.provider.StubProviderServer.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21, part 2, end to end: real xterms on a real X server, read by real Tesseract through the
 * daemon. Text shown in a terminal and text typed into it are found by search, with the app, the
 * window (the one the text lies in, focused or not), boxes in the frame's pixels and a frame whose
 * image and text are served; the text of a window the privacy rules exclude is never found.
 * Screenshots replayed from a directory have their text read too.
 */
class DaemonTextTest {
  @TempDir Path temp;

  private final List<Process> clients = new ArrayList<>();

  @Test
  void shouldFindShownAndTypedTerminalTextWithItsAppWindowAndBoxesButNoExcludedText()
      throws Exception {
    XvfbServer.requirePrograms("xterm", "xdotool");
    Path data = temp.resolve("data");
    Path config =
        config(
            """
            privacy:
              exclude:
                titles: ['secret']
            """);
    try (StubProviderServer stub = stubProvider();
        XvfbServer xvfb = XvfbServer.start(800, 400);
        XTestClient client = new XTestClient(xvfb.display())) {
      sendBatchesTo(stub, config, 5, "2s");
      client.rootColour(0x202020);
      long terminal =
          xterm(
              xvfb,
              "invoices - bash",
              "60x8+0+0",
              "printf 'Invoice 2291 is overdue since March\\n'; exec cat");
      xterm(xvfb, "secret notes", "40x4+420+250", "printf 'Confidential4242 payroll\\n'; exec cat");
      // A secret in a window's title is redacted, wherever the title is kept.
      xterm(
          xvfb,
          "build log sk-ant-api03-Zx8Qw7Er6Ty5Ui4Op3",
          "40x4+420+0",
          "printf 'Deployment finished cleanly\\n'; exec cat");
      client.activate(terminal);
      try (DaemonProcess daemon = started(xvfb, data, config)) {
        JsonObject shown = awaitHit(daemon, "overdue");
        System.out.println("search overdue: " + shown.encode());
        assertEquals("ocr", shown.getString("kind"));
        assertEquals("XTerm", shown.getString("app"));
        assertEquals("invoices - bash", shown.getString("window"));
        assertTrue(shown.getString("snippet").contains("<mark>overdue</mark>"), shown.encode());
        JsonArray boxes = shown.getJsonArray("boxes");
        assertEquals(1, boxes.size(), shown.encode());
        JsonArray box = boxes.getJsonArray(0);
        // "overdue" is the 4th word of the first row of a 6x13 font, after the 2-pixel border.
        assertTrue(box.getInteger(0) > 60 && box.getInteger(0) < 140, box.encode());
        assertTrue(box.getInteger(1) >= 0 && box.getInteger(1) < 16, box.encode());

        long seq = shown.getLong("seq");
        assertEquals(200, daemon.get("/api/v1/frames/" + seq + "/image").statusCode());
        assertEquals(
            new JsonObject(daemon.get("/api/v1/frames/" + seq).body()).getString("capturedAt"),
            shown.getString("capturedAt"),
            "the time of the frame it was read from");
        var highlighted =
            daemon.getBytes("/api/v1/frames/" + seq + "/image?highlight=overdue+invoice");
        assertEquals(200, highlighted.statusCode());
        assertEquals("2", highlighted.headers().firstValue("X-Ironcliw-Highlighted").orElse(""));
        java.awt.image.BufferedImage image =
            javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(highlighted.body()));
        Path png = Path.of("target", "highlighted-overdue.png");
        Files.write(png, highlighted.body());
        System.out.println("highlighted image: " + png.toAbsolutePath());
        // The outline's top left corner, 2 pixels out from the word's box (a keyframe may be
        // scaled; this one is not: 800 pixels wide is under history.keyframes.maxLongEdge).
        int outline = image.getRGB(box.getInteger(0) - 2, box.getInteger(1) - 2) & 0xFFFFFF;
        assertEquals(0xFF8C00, outline, Integer.toHexString(outline));
        assertEquals(
            400, daemon.get("/api/v1/frames/" + seq + "/image?highlight=%20").statusCode());
        JsonObject text = new JsonObject(daemon.get("/api/v1/frames/" + seq + "/text").body());
        assertTrue(text.encode().contains("Invoice 2291"), text.encode());

        // Text of a window without the focus is filed under that window, not the focused one.
        JsonObject other = awaitHit(daemon, "Deployment");
        assertEquals("XTerm", other.getString("app"));
        assertEquals("build log [redacted]", other.getString("window"), other.encode());
        JsonObject otherText =
            new JsonObject(daemon.get("/api/v1/frames/" + other.getLong("seq") + "/text").body());
        for (Object o : otherText.getJsonArray("lines")) {
          JsonObject line = (JsonObject) o;
          String expected =
              line.getString("text").contains("Deployment")
                  ? "build log [redacted]"
                  : line.getString("text").contains("overdue") ? "invoices - bash" : null;
          if (expected != null) {
            assertEquals(expected, line.getString("window"), line.encode());
          }
        }

        // Typed into the terminal (the tty echoes it): found once it settles.
        xvfb.run("xdotool", "windowfocus", "--sync", Long.toString(terminal));
        xvfb.run("xdotool", "type", "--delay", "40", "kubectl rollout restart gateway");
        JsonObject typed = awaitHit(daemon, "\"rollout restart\"");
        assertEquals("XTerm", typed.getString("app"));
        assertTrue(typed.getString("text").contains("rollout restart"), typed.encode());
        assertEquals(2, typed.getJsonArray("boxes").size(), typed.encode());
        // The terminal's cursor sits on the last letters typed, and recognition errs there: a
        // word one edit away is still found.
        assertFalse(awaitHit(daemon, "kubectl").isEmpty());

        // Issue 25: a key typed into the terminal is replaced in what is kept and sent, and its
        // pixels are painted over in every image sent to the model, as it was typed too.
        xvfb.run("xdotool", "key", "Return");
        xvfb.run("xdotool", "type", "--delay", "40", "token sk-ant-api03-Qw7Er6Ty5Ui4Op3Zx8Lm2Nb");
        JsonObject key = awaitHit(daemon, "\"token [redacted]\"");
        List<Rect> secrets = redactedBoxes(daemon, key.getLong("seq"));
        assertEquals(1, secrets.size(), key.encode());
        JsonObject vision =
            daemon
                .awaitStatus(
                    s -> {
                      JsonObject v = s.getJsonObject("vision");
                      return v.getJsonObject("screenText").getLong("imagesMasked") >= 1
                          && v.getJsonObject("queue").getInteger("batches") == 0
                          && v.getInteger("inFlight") == 0;
                    },
                    Duration.ofSeconds(30))
                .getJsonObject("vision");
        System.out.println("vision, a key typed: " + vision.encode());
        List<String> requests =
            stub.received().stream().map(StubProviderServer.Received::body).toList();
        for (String request : requests) {
          assertFalse(requestText(request).contains("api03"), requestText(request));
        }
        assertTrue(SentImages.assertPaintedOver(requests, secrets) >= 1, "sent where it was typed");
        // ... and in the frame's image the API serves (to the page, and to assistants over MCP).
        var served = daemon.getBytes("/api/v1/frames/" + key.getLong("seq") + "/image");
        assertEquals("1", served.headers().firstValue("X-Ironcliw-Secrets-Masked").orElse(""));
        java.awt.image.BufferedImage frame =
            javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(served.body()));
        int contrast =
            new SentImages.Shown(frame, new Rect(0, 0, frame.getWidth(), frame.getHeight()))
                .contrastIn(secrets.getFirst());
        assertTrue(contrast >= 0 && contrast < 80, "the key shows in its frame: " + contrast);

        JsonObject reader = daemon.status().getJsonObject("text").getJsonObject("reader");
        System.out.println("text reader: " + reader.encode());
        assertTrue(reader.getString("engine").startsWith("tesseract"), reader.encode());
        for (String q : List.of("Confidential4242", "payroll")) {
          JsonArray results =
              new JsonObject(daemon.get("/api/v1/search?q=" + q).body()).getJsonArray("results");
          assertTrue(results.isEmpty(), q + " was found: " + results.encode());
        }
        assertEquals(0, daemon.terminate());
      } finally {
        clients.forEach(Process::destroy);
      }
      // At rest: no word read or typed, no title and no picture in clear in the data dir.
      ClearBytes files = ClearBytes.under(data);
      for (String clear :
          List.of("overdue", "rollout", "kubectl", "invoices - bash", "Deployment", "JFIF")) {
        assertFalse(files.contains(clear), clear + " is in the data dir in clear");
      }
      assertFalse(files.contains(PNG_SIGNATURE), "a PNG is in the data dir in clear");
      // With the key, all of it is found after a restart, on a screen that no longer shows it.
      try (DaemonProcess again = started(xvfb, data, config)) {
        JsonObject hit = awaitHit(again, "overdue");
        assertEquals("invoices - bash", hit.getString("window"));
        assertFalse(awaitHit(again, "\"rollout restart\"").isEmpty());
        assertFalse(again.get("/api/v1/events").body().contains("sk-ant"));
        // The key rotated by the running daemon: what it forgets next, and the check after it
        // stops, go by the new key.
        String rotated = cli(again, data, config, "key", "rotate");
        assertTrue(rotated.contains("by the running daemon"), rotated);
        forgetTheLastTenMinutes(again, data, config, hit.getLong("seq"));
        assertEquals(0, again.terminate());
      }
    }
    // Issue 25: after the forget, no file keeps any of it, read with the key either.
    ClearBytes files = ClearBytes.under(data);
    assertFalse(
        files.contains("overdue") || files.contains("invoices") || files.contains("sk-ant"));
    HistoryVault.Opened vault =
        HistoryVault.open(
            new EncryptionSettings(true, "auto", PlatformPaths.defaultKeyFile()), data, Map.of());
    try (HistoryKeys keys = vault.keys();
        Journal journal =
            Journal.open(
                data.resolve("journal"),
                1 << 20,
                net.openhft.chronicle.core.time.SystemTimeProvider.INSTANCE,
                keys,
                true);
        TextIndex index = TextIndex.open(data.resolve("index"), 16 << 20, keys)) {
      for (Journal.Indexed r : journal.readAfter(-1, 1_000_000)) {
        String record = r.record().toString();
        for (String word : List.of("overdue", "invoices", "Deployment", "rollout", "build log")) {
          assertFalse(record.contains(word), record);
        }
      }
      assertEquals(
          List.of(),
          index.search(new TextQuery("overdue", null, null, null, null, Set.of(), null, 10, 0)));
      assertEquals(0, journal.damaged(), "forgotten records are not damaged ones");
    }
  }

  /** Runs {@code ironcliw ARGS} for {@code daemon}, which must succeed; its stdout. */
  private static String cli(DaemonProcess daemon, Path data, Path config, String... args) {
    CommandRun run = CommandRun.of(config, data, daemon.port(), args);
    System.out.println(String.join(" ", args) + ": " + run.out() + run.err());
    assertEquals(0, run.status(), run.err());
    return run.out();
  }

  /**
   * Issue 25: {@code ironcliw forget --last 10m} makes what was read and shown unfindable through
   * every route: search, the frame, its image and text, events, activity, MCP.
   */
  private static void forgetTheLastTenMinutes(
      DaemonProcess daemon, Path data, Path config, long seq) throws Exception {
    String said = cli(daemon, data, config, "forget", "--last", "10m");
    assertTrue(said.contains("data keys destroyed"), said);
    for (String q : List.of("overdue", "Deployment", "rollout", "invoices")) {
      JsonArray found =
          new JsonObject(daemon.get("/api/v1/search?q=" + q).body()).getJsonArray("results");
      assertTrue(found.isEmpty(), q + " is still found: " + found.encode());
    }
    for (String route : List.of("", "/image", "/text")) {
      assertEquals(
          404, daemon.get("/api/v1/frames/" + seq + route).statusCode(), "frames/seq" + route);
    }
    String frames = daemon.get("/api/v1/frames?limit=100").body();
    assertFalse(frames.contains("\"seq\":" + seq + ","), frames);
    String events = daemon.get("/api/v1/events").body();
    assertFalse(events.contains("invoices"), events);
    assertTrue(events.contains("\"kind\":\"forget\""), events);
    String activity = daemon.get("/api/v1/activity").body();
    assertFalse(activity.contains("invoices"), activity);
    String mcp =
        daemon
            .post(
                "/mcp",
                "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"tools/call\", \"params\":"
                    + " {\"name\": \"search_screen\", \"arguments\": {\"query\": \"overdue\"}}}")
            .body();
    assertFalse(mcp.contains("2291"), mcp);
  }

  private static DaemonProcess started(XvfbServer xvfb, Path data, Path config) throws Exception {
    return DaemonProcess.start(
            xvfb.display(),
            data,
            DaemonProcess.freePort(),
            Map.of("ANTHROPIC_API_KEY", "sk-ant-text"),
            "--config",
            config.toString())
        .awaitReady();
  }

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  /**
   * A replayed directory of screenshots has no windows, so no app or title: its text is read and
   * found all the same, filed under no app, with boxes in the screenshot's pixels. The text on
   * screen goes to the vision model with the batch's images.
   */
  @Test
  void shouldReadTheTextOfReplayedScreenshotsThatHaveNoWindowsAndSendItWithTheImages()
      throws Exception {
    Path shots = Files.createDirectories(temp.resolve("shots"));
    TextScreenshots.write(shots.resolve("0.png"));
    TextScreenshots.write(shots.resolve("1.png"), "Replayed invoice 5521 paid in full");
    TextScreenshots.write(
        shots.resolve("2.png"),
        "Replayed invoice 5521 paid in full",
        "Warehouse order 7730 shipped today",
        "Card 4242 4242 4242 4242 key sk-ant-api03-Zx8Qw7Er6Ty5Ui4Op3");
    try (StubProviderServer stub = stubProvider()) {
      // The last batch waits long enough for the last screenshot's text to be read.
      Path config = config("");
      sendBatchesTo(stub, config, 2, "5s");
      try (DaemonProcess daemon =
          DaemonProcess.start(
                  null,
                  temp.resolve("data"),
                  DaemonProcess.freePort(),
                  Map.of("ANTHROPIC_API_KEY", "sk-ant-text"),
                  "--config",
                  config.toString(),
                  "--source",
                  "replay:" + shots)
              .awaitReady()) {
        for (String phrase : List.of("\"invoice 5521 paid\"", "\"Warehouse order 7730\"")) {
          JsonObject hit = awaitHit(daemon, phrase);
          System.out.println("replayed, search " + phrase + ": " + hit.encode());
          assertEquals("", hit.getString("app"), hit.encode());
          assertEquals("", hit.getString("window"), hit.encode());
          assertEquals(3, hit.getJsonArray("boxes").size(), hit.encode());
          JsonArray box = hit.getJsonArray("boxes").getJsonArray(0);
          assertTrue(box.getInteger(0) > 40 && box.getInteger(0) < 400, box.encode());
          JsonObject text =
              new JsonObject(daemon.get("/api/v1/frames/" + hit.getLong("seq") + "/text").body());
          assertTrue(text.encode().contains("5521"), text.encode());
        }
        JsonObject vision =
            daemon
                .awaitStatus(
                    s -> s.getJsonObject("vision").getLong("batchesSent") >= 2,
                    Duration.ofSeconds(30))
                .getJsonObject("vision");
        String lastRequest = requestText(stub.received().getLast().body());
        System.out.println("the last batch's text: " + lastRequest);
        int open = lastRequest.indexOf("<screen-text>");
        assertTrue(open > 0, lastRequest);
        String onScreen = lastRequest.substring(open, lastRequest.indexOf("</screen-text>"));
        assertTrue(
            onScreen.contains("5521") && onScreen.contains("7730"),
            "both lines, top first: " + onScreen);
        assertTrue(onScreen.indexOf("5521") < onScreen.indexOf("7730"), onScreen);
        assertTrue(vision.getJsonObject("screenText").getLong("batches") >= 1, vision.encode());

        // Issue 25: the card number and the key were read, and replaced before anything kept them.
        JsonObject redacted =
            daemon
                .awaitStatus(
                    s -> {
                      JsonObject r =
                          s.getJsonObject("text").getJsonObject("reader").getJsonObject("redacted");
                      return r.getLong("cardNumbers") >= 1 && r.getLong("apiKeys") >= 1;
                    },
                    Duration.ofSeconds(30))
                .getJsonObject("text")
                .getJsonObject("reader")
                .getJsonObject("redacted");
        System.out.println("redacted: " + redacted.encode());
        for (StubProviderServer.Received request : stub.received()) {
          String text = requestText(request.body()); // the images' base64 could hold any digits
          assertFalse(text.contains("4242"), "a card number sent: " + text);
          assertFalse(text.contains("api03"), "a key sent: " + text);
        }
        assertTrue(search(daemon, "4242").isEmpty(), "the card number is not in the index");
        assertTrue(search(daemon, "\"Card [redacted]\"").size() >= 1, "its line is, redacted");
        // ... and their words are painted over in every image that showed them.
        JsonObject cardLine = search(daemon, "\"Card [redacted]\"").getJsonObject(0);
        List<Rect> secrets = redactedBoxes(daemon, cardLine.getLong("seq"));
        assertTrue(secrets.size() >= 2, "the card's groups and the key: " + secrets);
        int seen =
            SentImages.assertPaintedOver(
                stub.received().stream().map(StubProviderServer.Received::body).toList(), secrets);
        assertTrue(seen >= 1, "an image showed where the secrets were");
        assertTrue(
            daemon
                    .status()
                    .getJsonObject("vision")
                    .getJsonObject("screenText")
                    .getLong("imagesMasked")
                >= 1);
        assertEquals(0, daemon.terminate());
      }
    }
  }

  /** The boxes of the words redacted in the text on screen in frame {@code seq}. */
  private static List<Rect> redactedBoxes(DaemonProcess daemon, long seq) throws Exception {
    List<Rect> boxes = new ArrayList<>();
    JsonObject text = new JsonObject(daemon.get("/api/v1/frames/" + seq + "/text").body());
    for (Object line : text.getJsonArray("lines")) {
      for (Object word : ((JsonObject) line).getJsonArray("words")) {
        JsonObject w = (JsonObject) word;
        if (w.getString("text").equals("[redacted]")) {
          JsonArray b = w.getJsonArray("box");
          boxes.add(new Rect(b.getInteger(0), b.getInteger(1), b.getInteger(2), b.getInteger(3)));
        }
      }
    }
    return boxes;
  }

  /** A stub Messages API that answers every batch with the same insight. */
  private static StubProviderServer stubProvider() throws Exception {
    return new StubProviderServer(
        Reply.json(
            200,
            StubProviderServer.anthropicReply(
                "{\"activity\": \"reading a terminal\", \"app\": \"\", \"needsHelp\": false,"
                    + " \"confidence\": 0.5}",
                10,
                10)));
  }

  /** {@code config} with batches of {@code batchSize} sent to {@code stub}. */
  private static void sendBatchesTo(
      StubProviderServer stub, Path config, int batchSize, String maxWait) throws IOException {
    Files.writeString(
        config,
        Files.readString(config)
            .replace(
                "  provider: none\n",
                "  provider: anthropic\n  limits:\n    requestsPerMinute: 100\n  batch:\n    size: "
                    + batchSize
                    + "\n    maxWait: "
                    + maxWait
                    + "\n  anthropic:\n    baseUrl: "
                    + stub.uri("")
                    + "\n"));
  }

  /** The text block of an Anthropic Messages request: what goes with its images. */
  private static String requestText(String body) {
    JsonArray content =
        new JsonObject(body).getJsonArray("messages").getJsonObject(0).getJsonArray("content");
    return content.getJsonObject(content.size() - 1).getString("text");
  }

  /**
   * The daemon's configuration: Tesseract reading areas settled for half a second, then {@code
   * more}. Skips (fails in CI) where Tesseract is missing.
   */
  private Path config(String more) throws IOException {
    try {
      TesseractEngine.open("eng").close(); // installed: the daemon will find it too
    } catch (TextEngineUnavailableException e) {
      NativeRequirement.require(false, NativePiece.TESSERACT, e.getMessage());
    }
    Path config = temp.resolve("ironcliw.yaml");
    Files.writeString(
        config,
        """
        capture:
          fps: 10
        memory:
          budgets:
            frameRing: 32MiB
        diff:
          backend: cpu
        vision:
          provider: none
        text:
          engine: tesseract
          settle: 500ms
        """
            + more);
    return config;
  }

  /** A phrase the script shows, and when it appeared (epoch milliseconds). */
  private record Shown(String phrase, long fromMillis) {}

  @Test
  void shouldFindEveryPhraseTheScriptShowsAmongTheTopFiveAndTheSameAfterAKill() throws Exception {
    XvfbServer.requirePrograms("xterm", "xdotool", "xmessage");
    Path data = temp.resolve("data");
    Path config = config("");
    List<Shown> shown = new ArrayList<>();
    List<String> report = new ArrayList<>();
    Map<String, List<String>> found = new java.util.LinkedHashMap<>();
    try (XvfbServer xvfb = XvfbServer.start(1024, 600);
        XTestClient client = new XTestClient(xvfb.display())) {
      client.rootColour(0x303030);
      try (DaemonProcess daemon =
          DaemonProcess.start(
                  xvfb.display(),
                  data,
                  DaemonProcess.freePort(),
                  Map.of(),
                  "--config",
                  config.toString())
              .awaitReady()) {
        shown.add(new Shown("Quarterly invoice 8841 approved", System.currentTimeMillis()));
        long logs =
            xterm(
                xvfb,
                "build logs",
                "70x10+0+0",
                "printf 'Quarterly invoice 8841 approved\\n'; sleep 4;"
                    + " printf 'Backup finished with 0 errors\\n'; exec cat");
        client.activate(logs);
        Thread.sleep(4_000);
        shown.add(new Shown("Backup finished with 0 errors", System.currentTimeMillis()));
        Thread.sleep(3_000);
        shown.add(new Shown("Deployment gateway failed health check", System.currentTimeMillis()));
        Process light =
            new ProcessBuilder(
                    "xterm",
                    "-display",
                    xvfb.display(),
                    "-T",
                    "deploys",
                    "-geometry",
                    "60x6+500+0",
                    "-e",
                    "sh",
                    "-c",
                    "printf 'Deployment gateway failed health check\\n'; exec cat")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        clients.add(light);
        Thread.sleep(3_000);
        shown.add(new Shown("Disk quota exceeded on volume data7", System.currentTimeMillis()));
        Process popup =
            new ProcessBuilder(
                    "xmessage",
                    "-display",
                    xvfb.display(),
                    "-geometry",
                    "+300+300",
                    "Disk quota exceeded on volume data7")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        clients.add(popup);
        Thread.sleep(3_000);
        xvfb.run("xdotool", "windowfocus", "--sync", Long.toString(logs));
        shown.add(new Shown("ssh deploy to build server 12", System.currentTimeMillis()));
        xvfb.run("xdotool", "type", "--delay", "30", "ssh deploy to build server 12");
        Thread.sleep(2_500);

        // Every phrase by the phrase query; a hit counts when it was first seen while the phrase
        // was on screen (within the settle, the CPU budget and the reads before it).
        for (Shown s : shown) {
          JsonArray results = results(daemon, "\"" + s.phrase() + "\"", Duration.ofSeconds(30));
          int rank = -1;
          for (int r = 0; r < Math.min(5, results.size()); r++) {
            long firstSeen =
                java.time.Instant.parse(results.getJsonObject(r).getString("firstSeen"))
                    .toEpochMilli();
            if (firstSeen >= s.fromMillis() - 1_000 && firstSeen <= s.fromMillis() + 15_000) {
              rank = r + 1;
              break;
            }
          }
          JsonObject top = results.isEmpty() ? null : results.getJsonObject(0);
          report.add(
              String.format(
                  "recall: %-42s %s, %d results%s",
                  "\"" + s.phrase() + "\"",
                  rank > 0 ? "rank " + rank : "NOT FOUND",
                  results.size(),
                  top == null
                      ? ""
                      : String.format(
                          ", first seen %+d ms, app %s, read as: %s",
                          java.time.Instant.parse(top.getString("firstSeen")).toEpochMilli()
                              - s.fromMillis(),
                          top.getString("app"),
                          top.getString("text").replace('\n', '|'))));
          if (rank > 0) {
            found.put(s.phrase(), spans(results));
          }
        }
        report.forEach(System.out::println);
        assertEquals(shown.size(), found.size(), String.join("\n", report));
        System.out.println(
            "text reader: " + daemon.status().getJsonObject("text").getJsonObject("reader"));
        daemon.kill9();
      }
      // After the kill the index opens at its last commit and reads the rest of the journal
      // again: the same documents, once each.
      try (DaemonProcess restarted =
          DaemonProcess.start(
                  xvfb.display(),
                  data,
                  DaemonProcess.freePort(),
                  Map.of(),
                  "--config",
                  config.toString())
              .awaitReady()) {
        for (Shown s : shown) {
          List<String> before = found.get(s.phrase());
          if (before == null) {
            continue;
          }
          List<String> after =
              Waits.await("\"" + s.phrase() + "\" found again", Duration.ofSeconds(30))
                  .until(
                      () -> spans(awaitResults(restarted, "\"" + s.phrase() + "\"")),
                      a -> a.containsAll(before));
          assertEquals(after.size(), after.stream().distinct().count(), "duplicates: " + after);
        }
        assertEquals(0, restarted.terminate());
      } finally {
        clients.forEach(Process::destroy);
      }
    }
  }

  /** Each result by when it was first seen and what it says. */
  private static List<String> spans(JsonArray results) {
    List<String> spans = new ArrayList<>();
    results.forEach(
        r ->
            spans.add(
                ((JsonObject) r).getString("firstSeen")
                    + " "
                    + ((JsonObject) r).getString("text")));
    return spans;
  }

  /** An xterm showing what {@code shell} prints, light text on dark; its window id. */
  private long xterm(XvfbServer xvfb, String title, String geometry, String shell)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                "xterm",
                "-display",
                xvfb.display(),
                "-rv",
                "-T",
                title,
                "-geometry",
                geometry,
                "-e",
                "sh",
                "-c",
                shell)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    clients.add(p);
    return Waits.await("xterm " + title, Duration.ofSeconds(20))
        .until(() -> windowNamed(xvfb, title), id -> id > 0);
  }

  private static long windowNamed(XvfbServer xvfb, String title) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder("xdotool", "search", "--name", "^" + title + "$")
            .redirectErrorStream(true);
    builder.environment().put("DISPLAY", xvfb.display());
    Process search = builder.start();
    String out = new String(search.getInputStream().readAllBytes()).strip();
    search.waitFor();
    return out.isEmpty() ? -1 : Long.parseLong(out.lines().findFirst().orElseThrow());
  }

  private static JsonObject awaitHit(DaemonProcess daemon, String q) {
    return awaitResults(daemon, q).getJsonObject(0);
  }

  /** What a search for {@code q} finds within {@code atMost}; empty when it finds nothing. */
  private static JsonArray results(DaemonProcess daemon, String q, Duration atMost)
      throws Exception {
    try {
      return Waits.await("a search for " + q, atMost)
          .until(() -> search(daemon, q), r -> !r.isEmpty());
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      return search(daemon, q);
    }
  }

  private static JsonArray search(DaemonProcess daemon, String q) throws Exception {
    String encoded = java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8);
    return new JsonObject(daemon.get("/api/v1/search?kind=ocr&q=" + encoded).body())
        .getJsonArray("results");
  }

  private static JsonArray awaitResults(DaemonProcess daemon, String q) {
    String encoded = java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8);
    JsonArray results =
        Waits.await("a search for " + q + " to find the screen's text", Duration.ofSeconds(60))
            .until(
                () ->
                    new JsonObject(daemon.get("/api/v1/search?kind=ocr&q=" + encoded).body())
                        .getJsonArray("results"),
                r -> !r.isEmpty());
    assertFalse(results.isEmpty());
    return results;
  }
}

package dev.ironcliw.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.capture.XvfbServer;
import dev.ironcliw.capture.x11.XTestClient;
import dev.ironcliw.daemon.journal.Journal;
import dev.ironcliw.daemon.journal.record.CaptureEventRecord;
import dev.ironcliw.vision.provider.StubProviderServer;
import dev.ironcliw.vision.provider.StubProviderServer.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon capturing a real X server (Xvfb): damage-skipped grabs, exclusions, pauses. */
class DaemonX11Test {
  private static final int W = 640;
  private static final int H = 360;
  private static final int SECRET = 0xABCDEF;
  private static final String INSIGHT =
      "{\"activity\": \"moving a window\", \"app\": \"viewer\", \"needsHelp\": false,"
          + " \"suggestion\": \"\", \"confidence\": 0.6}";

  @TempDir Path temp;

  /**
   * Xvfb with one excluded and one public window: the excluded one never reaches the ring, nor any
   * image sent to the vision provider (a stub Messages API server here).
   */
  @Test
  void shouldCaptureXvfbKeepExcludedWindowsOutOfTheRingAndJournalPauses() throws Exception {
    XvfbServer.requirePrograms("xdotool", "xset");
    Path data = temp.resolve("data");
    Path config = temp.resolve("ironcliw.yaml");
    try (XvfbServer xvfb = XvfbServer.start(W, H);
        XTestClient client = new XTestClient(xvfb.display());
        StubProviderServer provider =
            new StubProviderServer(
                Reply.json(200, StubProviderServer.anthropicReply(INSIGHT, 100, 20)))) {
      Files.writeString(
          config,
          """
          capture:
            fps: 20
          memory:
            budgets:
              frameRing: 16MiB
          privacy:
            exclude:
              titles: ['(?i)secret']
          vision:
            provider: anthropic
            batch:
              size: 2
              maxWait: 100ms
            anthropic:
              baseUrl: %s
          """
              .formatted(provider.uri("")));
      client.rootColour(0x336699);
      long secret = client.window(40, 40, 200, 100, SECRET, "Secret notes", "editor");
      client.window(300, 200, 100, 80, 0xFF8800, "Public", "viewer");
      try (DaemonProcess daemon =
          DaemonProcess.start(
                  xvfb.display(),
                  data,
                  DaemonProcess.freePort(),
                  Map.of("ANTHROPIC_API_KEY", "sk-ant-x11-test"),
                  "--config",
                  config.toString())
              .awaitReady()) {
        JsonObject status =
            daemon.awaitStatus(
                s -> s.getJsonObject("frames").getLong("processed") >= 20, Duration.ofSeconds(60));
        JsonObject capture = status.getJsonObject("capture");
        assertEquals("shm+damage", capture.getString("grabMethod"));
        assertTrue(
            capture.getLong("skippedGrabs") > 10, "an idle screen is not grabbed: " + capture);

        // Each move must come out as a frame that is not a duplicate. Waiting for it, rather than
        // sleeping a fixed time, keeps a slow machine from folding several moves into one grab.
        for (int step = 0; step < 5; step++) {
          long before = notDuplicates(daemon.status());
          xvfb.run(
              "xdotool",
              "windowmove",
              Long.toString(secret),
              Integer.toString(60 + step * 40),
              "60");
          try {
            daemon.awaitStatus(s -> notDuplicates(s) > before, Duration.ofSeconds(20));
          } catch (AssertionError e) {
            throw new AssertionError(
                "move " + step + " gave no change; frames: " + framesSummary(daemon), e);
          }
        }
        xvfb.run("xset", "s", "activate");
        daemon.awaitStatus(s -> s.getString("state").equals("paused"), Duration.ofSeconds(10));
        xvfb.run("xset", "s", "reset");
        daemon.awaitStatus(s -> s.getString("state").equals("running"), Duration.ofSeconds(10));

        List<JsonObject> frames = daemon.allFrames("&verdict=CHANGE,REVISIT,MINOR", 100);
        assertTrue(
            frames.size() >= 6,
            () -> "first frame and 5 moves: " + frames.size() + " in " + framesSummary(daemon));
        int checked = 0;
        for (JsonObject frame : frames) {
          assertTrue(frame.getInteger("maskedRegions") >= 1, frame.encode());
          HttpResponse<byte[]> png =
              daemon.getBytes("/api/v1/frames/" + frame.getLong("seq") + "/image");
          if (png.statusCode() == 200) {
            assertNoPixel(ImageIO.read(new ByteArrayInputStream(png.body())), SECRET);
            checked++;
          }
        }
        assertTrue(checked >= 3, "too few frames still in the ring to check: " + checked);
        // A batch waits for the text of its frames to be read (issue 25), so images arrive late.
        daemon.awaitStatus(
            s ->
                s.getJsonObject("vision").getLong("insights") >= 1
                    && s.getJsonObject("vision").getJsonObject("budget").getLong("imagesLastHour")
                        >= 2,
            Duration.ofSeconds(30));
        // The status counts a batch's images as it goes; the stub sees them once its request
        // arrives.
        int images = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
          images = 0;
          for (StubProviderServer.Received request : provider.received()) {
            images += assertNoSecretIn(request);
          }
          if (images >= 2 || System.nanoTime() > deadline) {
            break;
          }
          Thread.sleep(100);
        }
        assertTrue(images >= 2, "images sent to the provider: " + images);
        assertEquals(0, daemon.terminate());
      }
    }
    try (Journal journal = Journal.open(data.resolve("journal"))) {
      List<CaptureEventRecord> events = journal.captureEvents();
      assertEquals(List.of(true, false), events.stream().map(CaptureEventRecord::paused).toList());
      assertTrue(events.getFirst().reason().contains("screen saver"));
    }
  }

  /** Frames judged anything but DUPLICATE so far. */
  private static long notDuplicates(JsonObject status) {
    JsonObject byVerdict = status.getJsonObject("frames").getJsonObject("byVerdict");
    return byVerdict.getLong("CHANGE") + byVerdict.getLong("REVISIT") + byVerdict.getLong("MINOR");
  }

  /** Every journaled frame as seq:verdict:changedTiles:damage, for a failure message. */
  private static String framesSummary(DaemonProcess daemon) {
    try {
      StringBuilder out = new StringBuilder();
      for (JsonObject f : daemon.allFrames("", 100)) {
        out.append(f.getLong("seq"))
            .append(':')
            .append(f.getString("verdict"))
            .append(':')
            .append(f.getInteger("changedTiles"))
            .append(':')
            .append(f.getInteger("damageRects"))
            .append(' ');
      }
      return out.toString();
    } catch (Exception e) {
      return "(frames not readable: " + e + ")";
    }
  }

  /** Checks every image block of a Messages request; returns how many there were. */
  private static int assertNoSecretIn(StubProviderServer.Received request) throws Exception {
    int images = 0;
    JsonArray content =
        new JsonObject(request.body())
            .getJsonArray("messages")
            .getJsonObject(0)
            .getJsonArray("content");
    for (Object block : content) {
      JsonObject source = ((JsonObject) block).getJsonObject("source");
      if (source == null) {
        continue;
      }
      images++;
      BufferedImage image =
          ImageIO.read(
              new ByteArrayInputStream(Base64.getDecoder().decode(source.getString("data"))));
      // JPEG shifts colours a little; nothing else on this screen is near the secret's.
      int tolerance = source.getString("media_type").equals("image/png") ? 0 : 12;
      assertNoPixelNear(image, SECRET, tolerance);
    }
    return images;
  }

  private static void assertNoPixelNear(BufferedImage image, int rgb, int tolerance) {
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int p = image.getRGB(x, y);
        boolean near = true;
        for (int shift = 0; shift <= 16; shift += 8) {
          near &= Math.abs((p >> shift & 0xFF) - (rgb >> shift & 0xFF)) <= tolerance;
        }
        if (near) {
          throw new AssertionError("excluded pixel sent to the provider at " + x + "," + y);
        }
      }
    }
  }

  private static void assertNoPixel(BufferedImage image, int rgb) {
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
          throw new AssertionError("excluded pixel in the ring at " + x + "," + y);
        }
      }
    }
  }

  /**
   * A daemon capturing {@code xvfb} with every key at its default but the rate, once it has judged
   * its first frame.
   */
  private DaemonProcess startWithDefaults(XvfbServer xvfb) throws Exception {
    Path config = temp.resolve("ironcliw.yaml");
    Files.writeString(config, "capture:\n  fps: 10\n");
    DaemonProcess daemon =
        DaemonProcess.start(
                xvfb.display(),
                temp.resolve("data"),
                DaemonProcess.freePort(),
                "--config",
                config.toString())
            .awaitReady();
    try {
      daemon.awaitStatus(
          s -> s.getJsonObject("frames").getLong("processed") >= 1, Duration.ofSeconds(60));
    } catch (RuntimeException | AssertionError e) {
      daemon.close();
      throw e;
    }
    return daemon;
  }

  /**
   * A desktop drawn at 2x (Xft.dpi 192, as a GNOME session scaled to 200% sets it) is captured at
   * its point size by default: the ring's frames, their images and the status say so.
   */
  @Test
  void shouldCaptureADesktopDrawnAtTwiceItsPointsAtHalfSize() throws Exception {
    XvfbServer.requirePrograms("xrdb");
    try (XvfbServer xvfb = XvfbServer.start(W, H);
        XTestClient client = new XTestClient(xvfb.display())) {
      xvfb.loadResources("Xft.dpi: 192");
      client.rootColour(0x336699);
      client.window(100, 50, 200, 100, 0xFF8800, "Public", "viewer");
      try (DaemonProcess daemon = startWithDefaults(xvfb)) {
        JsonObject status = daemon.status();
        assertEquals(
            "points (Xft.dpi 192: 2 pixels a point, frames at half size)",
            status.getJsonObject("capture").getString("resolution"));
        JsonObject frame = daemon.allFrames("", 10).getFirst();
        BufferedImage image =
            ImageIO.read(
                new ByteArrayInputStream(
                    daemon.getBytes("/api/v1/frames/" + frame.getLong("seq") + "/image").body()));
        assertEquals(W / 2, image.getWidth());
        assertEquals(H / 2, image.getHeight());
        assertEquals(0xFF8800, image.getRGB(100, 50) & 0xFFFFFF, "the window, at half its place");
        assertEquals(0x336699, image.getRGB(49, 24) & 0xFFFFFF);
        assertEquals(0, daemon.terminate());
      }
    }
  }

  /**
   * Issue 25: private browsing and password managers are left out with no privacy configuration,
   * and GET /api/v1/privacy lists the rules in force and counts what was blanked.
   */
  @Test
  void shouldLeaveOutIncognitoWindowsAndPasswordManagersWithoutConfiguration() throws Exception {
    try (XvfbServer xvfb = XvfbServer.start(W, H);
        XTestClient client = new XTestClient(xvfb.display())) {
      client.rootColour(0x336699);
      client.window(20, 20, 200, 120, SECRET, "New Tab - Google Chrome (Incognito)", "chromium");
      client.window(260, 40, 120, 100, SECRET, "Vault", "keepassxc");
      client.window(400, 200, 100, 80, 0xFF8800, "Public", "viewer");
      try (DaemonProcess daemon = startWithDefaults(xvfb)) {
        JsonObject frame = daemon.allFrames("", 10).getFirst();
        assertEquals(2, frame.getInteger("maskedRegions"), frame.encode());
        BufferedImage image =
            ImageIO.read(
                new ByteArrayInputStream(
                    daemon.getBytes("/api/v1/frames/" + frame.getLong("seq") + "/image").body()));
        assertNoPixel(image, SECRET);
        assertEquals(0xFF8800, image.getRGB(450, 240) & 0xFFFFFF, "the public window is captured");

        JsonObject privacy = new JsonObject(daemon.get("/api/v1/privacy").body());
        assertEquals(
            new JsonArray(List.of("private-browsing", "password-managers", "lock-screens")),
            privacy.getJsonObject("defaults").getJsonArray("inForce"));
        assertTrue(
            privacy
                .getJsonArray("titles")
                .contains(
                    new JsonObject()
                        .put("pattern", "\\bincognito\\b")
                        .put("from", "privacy.exclude.defaults: private-browsing")),
            privacy.encode());
        assertTrue(
            privacy
                .getJsonArray("apps")
                .contains(
                    new JsonObject()
                        .put("app", "keepassxc")
                        .put("from", "privacy.exclude.defaults: password-managers")),
            privacy.encode());
        JsonObject masked = privacy.getJsonObject("masked");
        assertTrue(masked.getLong("frames") >= 1, masked.encode());
        assertTrue(masked.getLong("regions") >= 2, masked.encode());
        assertEquals(0, daemon.terminate());
      }
    }
  }

  @Test
  void shouldRefuseABadDisplayInOneLine() throws Exception {
    try (DaemonProcess daemon =
        DaemonProcess.start(
            ":4242", temp.resolve("data"), DaemonProcess.freePort(), "--source", "x11")) {
      daemon.awaitOutput("ironcliw: error:", Duration.ofSeconds(60));
      assertEquals(1, daemon.terminate());
      assertTrue(
          daemon
              .output()
              .contains(
                  "ironcliw: error: cannot open X display ':4242': is the X server running and DISPLAY right?"),
          daemon.output());
      assertTrue(!daemon.output().contains("\tat "), "no stack trace: " + daemon.output());
    }
  }
}

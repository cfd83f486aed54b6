package dev.ironcliw.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.daemon.lifecycle.DataDirectory;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replays a directory of PNG screens through a real daemon and reads the results over the API. */
class DaemonReplayTest {
  private static final int W = 320;
  private static final int H = 180;
  private static final BufferedImage A = TestImages.screen(W, H, 0x203040, 0xFFFFFF, 10, 10);
  private static final BufferedImage B = TestImages.screen(W, H, 0x203040, 0xFFFFFF, 200, 120);

  @TempDir static Path temp;
  private static DaemonProcess daemon;

  @BeforeAll
  static void replay() throws Exception {
    Path shots = Files.createDirectories(temp.resolve("shots"));
    TestImages.write(A, shots.resolve("000-a.png"));
    TestImages.write(A, shots.resolve("001-a-again.png"));
    TestImages.write(B, shots.resolve("002-b.png"));
    TestImages.write(B, shots.resolve("003-b-again.png"));
    TestImages.write(A, shots.resolve("004-back-to-a.png"));
    Files.writeString(shots.resolve("005-broken.png"), "this is not a png");
    BufferedImage noise = TestImages.screen(W, H, 0x203040, 0xFFFFFF, 10, 10);
    noise.setRGB(300, 170, 0x2030A0); // one visible pixel: below the tile threshold
    TestImages.write(noise, shots.resolve("006-noise.png"));
    TestImages.write(
        TestImages.screen(W / 2, H / 2, 0x000000, 0xFF0000, 0, 0), shots.resolve("007-small.png"));
    daemon = DaemonProcess.startReplay(temp, shots, "16MiB");
    daemon.awaitStatus(s -> s.getString("state").equals("source-finished"), Duration.ofSeconds(60));
    daemon.awaitStatus(
        s -> s.getJsonObject("frames").getLong("processed") == 7, Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() throws Exception {
    if (daemon != null) {
      daemon.close();
    }
  }

  private static List<JsonObject> allFrames(String query) throws Exception {
    return daemon.allFrames(query, 3);
  }

  @Test
  void shouldGiveEveryReplayedFrameItsVerdictInOrder() throws Exception {
    List<JsonObject> frames = allFrames("");
    assertEquals(
        List.of("CHANGE", "DUPLICATE", "CHANGE", "DUPLICATE", "REVISIT", "MINOR", "CHANGE"),
        frames.stream().map(f -> f.getString("verdict")).toList());
    assertEquals(
        List.of(
            "000-a.png",
            "001-a-again.png",
            "002-b.png",
            "003-b-again.png",
            "004-back-to-a.png",
            "006-noise.png",
            "007-small.png"),
        frames.stream().map(f -> f.getString("source")).toList());
    assertEquals(
        List.of(true, false, true, false, false, false, true),
        frames.stream().map(f -> f.getBoolean("forwarded")).toList());
    assertEquals(
        List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L), frames.stream().map(f -> f.getLong("seq")).toList());
    assertEquals(0, frames.get(1).getInteger("changedTiles"));
    // The box left 2 tiles (x 10-49, y 10-29) and entered 4 (x 200-239, y 120-139 straddle edges).
    assertEquals(6, frames.get(2).getInteger("changedTiles"));
    assertEquals(2, frames.get(2).getJsonArray("regions").size());
    JsonObject features =
        frames.get(2).getJsonArray("regions").getJsonObject(0).getJsonObject("features");
    assertTrue(features.getDouble("meanLuma") > 0, features.encode());
    assertEquals(8, features.getJsonArray("colourOctantsPercent").size());
    assertEquals(128, frames.get(2).getString("descriptor").length(), "64 bytes as hex");
    assertEquals("", frames.get(1).getString("descriptor"), "a duplicate has no descriptor");
  }

  @Test
  void shouldSpaceReplayedCaptureTimesOneFrameIntervalApart() throws Exception {
    List<JsonObject> frames = allFrames("");
    java.time.Instant first = java.time.Instant.parse(frames.get(0).getString("capturedAt"));
    java.time.Instant second = java.time.Instant.parse(frames.get(1).getString("capturedAt"));
    assertEquals(Duration.ofMillis(100), Duration.between(first, second));
  }

  @Test
  void shouldFilterByVerdictAndSequenceRange() throws Exception {
    assertEquals(
        List.of(1L, 3L),
        allFrames("&verdict=duplicate").stream().map(f -> f.getLong("seq")).toList());
    assertEquals(
        List.of(2L, 3L, 4L),
        allFrames("&fromSeq=2&toSeq=4").stream().map(f -> f.getLong("seq")).toList());
  }

  @Test
  void shouldReportTheFinishedReplayInStatus() throws Exception {
    JsonObject status = daemon.status();
    assertEquals("source-finished", status.getString("state"));
    assertEquals(1, status.getJsonObject("capture").getLong("skippedFrames"));
    JsonObject byVerdict = status.getJsonObject("frames").getJsonObject("byVerdict");
    assertEquals(3, byVerdict.getLong("CHANGE"));
    assertEquals(2, byVerdict.getLong("DUPLICATE"));
    assertEquals(3, status.getJsonObject("frames").getLong("handedToVision"));
    assertEquals(7, status.getJsonObject("journal").getLong("records"));
  }

  @Test
  void shouldServeTheFramesPixelsAsPng() throws Exception {
    assertSamePixels(B, png(2));
    assertSamePixels(A, png(1)); // a duplicate shows the identical frame it repeats
    assertSamePixels(A, png(4));
  }

  private static BufferedImage png(long seq) throws Exception {
    HttpResponse<byte[]> response = daemon.getBytes("/api/v1/frames/" + seq + "/image");
    assertEquals(200, response.statusCode());
    assertEquals("image/png", response.headers().firstValue("Content-Type").orElse(""));
    return ImageIO.read(new ByteArrayInputStream(response.body()));
  }

  private static void assertSamePixels(BufferedImage expected, BufferedImage actual) {
    assertEquals(expected.getWidth(), actual.getWidth());
    for (int y = 0; y < expected.getHeight(); y++) {
      for (int x = 0; x < expected.getWidth(); x++) {
        assertEquals(expected.getRGB(x, y) & 0xFFFFFF, actual.getRGB(x, y) & 0xFFFFFF);
      }
    }
  }

  @Test
  void shouldAnswerErrorsAsJsonWithTheRightStatus() throws Exception {
    HttpResponse<String> missing = daemon.get("/api/v1/frames/999/image");
    assertEquals(404, missing.statusCode());
    assertEquals(
        "not_found", new JsonObject(missing.body()).getJsonObject("error").getString("code"));
    HttpResponse<String> badLimit = daemon.get("/api/v1/frames?limit=zillion");
    assertEquals(400, badLimit.statusCode());
    assertTrue(
        badLimit.body().contains("limit: \\\"zillion\\\" is not a whole number"), badLimit.body());
    assertEquals(404, daemon.get("/api/v1/nothing").statusCode());
    JsonObject one = new JsonObject(daemon.get("/api/v1/frames/2").body());
    assertEquals("002-b.png", one.getString("source"));
  }

  @Test
  void shouldRequireTheTokenForEverythingButHealth() throws Exception {
    assertEquals(401, daemon.getWithoutToken("/api/v1/status").statusCode());
    assertEquals(401, daemon.getWithoutToken("/api/v1/frames").statusCode());
    HttpResponse<String> health = daemon.getWithoutToken("/api/v1/health");
    assertEquals(200, health.statusCode());
    assertNull(new JsonObject(health.body()).getValue("token"));
    assertTrue(!daemon.output().contains(daemon.token()), "the token was logged");
  }

  @Test
  void shouldRefuseForeignHostsAndOrigins() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<String> foreignOrigin =
        client.send(
            HttpRequest.newBuilder(daemon.uri("/api/v1/status"))
                .header("Authorization", "Bearer " + daemon.token())
                .header("Origin", "https://evil.example")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(403, foreignOrigin.statusCode());
  }

  @Test
  void shouldKeepTheDataDirPrivate() throws Exception {
    if (DataDirectory.isPosix()) {
      Path data = temp.resolve("data");
      assertEquals(
          "rwx------",
          java.nio.file.attribute.PosixFilePermissions.toString(
              Files.getPosixFilePermissions(data)));
      assertEquals(
          "rw-------",
          java.nio.file.attribute.PosixFilePermissions.toString(
              Files.getPosixFilePermissions(data.resolve("api-token"))));
    }
  }
}

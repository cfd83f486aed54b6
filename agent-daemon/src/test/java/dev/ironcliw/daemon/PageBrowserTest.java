package dev.ironcliw.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.daemon.text.TesseractEngine;
import dev.ironcliw.daemon.text.TextEngineUnavailableException;
import dev.ironcliw.testing.Chromium;
import dev.ironcliw.testing.NativePiece;
import dev.ironcliw.testing.NativeRequirement;
import dev.ironcliw.vision.provider.StubProviderServer;
import dev.ironcliw.vision.provider.StubProviderServer.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 23: the timeline page in a real browser (Debian's Chromium) against a real daemon that
 * replays screenshots with known text and asks a stub vision provider: signing in through {@code
 * ironcliw open --print-url}, search and its highlight read back from a screenshot, scrubbing and
 * the arrow keys, pause and resume, a live insight, a browser without a session seeing nothing, no
 * request off 127.0.0.1 and no console error.
 */
@Tag("slow")
class PageBrowserTest {
  private static final String PHRASE = "Quarterly revenue table approved";
  private static final String INSIGHT =
      "```json\n{\"activity\": \"reviewing the revenue table\", \"app\": \"sheets\","
          + " \"needsHelp\": true, \"suggestion\": \"export it before the meeting\","
          + " \"confidence\": 0.8}\n```";
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path temp;

  @Test
  void shouldShowTheHistoryOnlyToASignedInBrowser() throws Exception {
    Chromium.require();
    try {
      TesseractEngine.open("eng").close();
    } catch (TextEngineUnavailableException e) {
      NativeRequirement.require(false, NativePiece.TESSERACT, e.getMessage());
    }
    Path shots = Files.createDirectories(temp.resolve("shots"));
    TextScreenshots.write(shots.resolve("0.png"));
    TextScreenshots.write(shots.resolve("1.png"), PHRASE);
    try (StubProviderServer stub =
        new StubProviderServer(
            Reply.json(200, StubProviderServer.anthropicReply(INSIGHT, 1200, 50)))) {
      stub.hold(); // the insight comes once the page is open, over the live feed
      Path config = temp.resolve("ironcliw.yaml");
      Files.writeString(
          config,
          """
          capture:
            fps: 10
            replayLoop: true
          memory:
            budgets:
              frameRing: 32MiB
          text:
            engine: tesseract
            settle: 300ms
          vision:
            provider: anthropic
            batch:
              size: 2
              maxWait: 200ms
            anthropic:
              model: claude-test
              baseUrl: %s
          """
              .formatted(stub.uri("")));
      Path data = temp.resolve("data");
      int port = DaemonProcess.freePort();
      String base = "http://127.0.0.1:" + port;
      try (DaemonProcess daemon =
          DaemonProcess.start(
                  null,
                  data,
                  port,
                  Map.of("ANTHROPIC_API_KEY", "sk-ant-api03-IRONCLIW-PAGE-TEST-0000000000"),
                  "--config",
                  config.toString(),
                  "--source",
                  "replay:" + shots)
              .awaitReady()) {
        JsonObject hit = awaitHit(daemon, "\"revenue table\"");
        strangerSeesNothing(base);

        String url = signInUrl(data, port);
        assertTrue(url.startsWith(base + "/?code="), url);
        try (Browser browser = new Browser(temp.resolve("profile"))) {
          ChromeDriver driver = browser.driver;
          WebDriverWait wait = new WebDriverWait(driver, WAIT);
          driver.get(url);
          wait.until(d -> d.findElement(By.id("app")).isDisplayed());
          assertFalse(driver.getCurrentUrl().contains("code="), driver.getCurrentUrl());
          assertEquals("303", codeUsedTwice(url), "a code signs in once");
          cookieRules(driver, base, port);

          searchAndOpenTheHit(driver, wait, hit);
          keep(driver.getScreenshotAs(OutputType.BYTES), "search-hit.png");
          keep(driver.findElement(By.id("status")).getScreenshotAs(OutputType.BYTES), "status.png");
          scrubAndStep(driver, wait, daemon);
          pauseAndResume(driver, wait, daemon);

          assertTrue(
              driver.findElements(By.cssSelector("#feed .insight")).isEmpty(),
              "no insight before the provider answers");
          stub.release();
          WebElement insight = wait.until(d -> d.findElement(By.cssSelector("#feed .insight")));
          assertTrue(insight.getText().contains("reviewing the revenue table"), insight.getText());
          assertFalse(insight.findElements(By.cssSelector("[data-seq]")).isEmpty(), "its frames");

          Path kept = keep(driver.getScreenshotAs(OutputType.BYTES), "timeline.png");

          List<String> errors = Chromium.consoleErrors(driver);
          assertEquals(List.of(), errors, "console errors");
          List<String> requests = Chromium.requestedUrls(driver);
          assertTrue(
              requests.size() > 10, "the network log holds the page's requests: " + requests);
          for (String request : requests) {
            // The browser's own pages (its new tab) are not requests to a network.
            boolean network = !request.matches("(data|blob|about|chrome|chrome-search):.*");
            assertTrue(
                !network || request.startsWith(base + "/"), "a request off the daemon: " + request);
          }
          System.out.println(
              "page: "
                  + requests.size()
                  + " requests, all to "
                  + base
                  + "; no console error; screenshots in "
                  + kept.getParent());
        }
        assertEquals(0, daemon.terminate());
      }
    }
  }

  /**
   * Text only (no vision provider) on the synthetic desktop: the status says so, a part of the
   * timeline with a keyframe shows it as a thumbnail on hover, and the keyboard zooms.
   */
  @Test
  void shouldWorkWithoutAProviderAndShowKeyframeThumbnails() throws Exception {
    Chromium.require();
    Path config = temp.resolve("ironcliw.yaml");
    Files.writeString(config, DaemonProcess.SMALL_DESKTOP_YAML + "vision:\n  provider: none\n");
    Path data = temp.resolve("data");
    try (DaemonProcess daemon = DaemonProcess.startSynthetic(data, config)) {
      daemon.awaitStatus(
          s -> s.getJsonObject("journal").getJsonObject("keyframes").getLong("kept") >= 2,
          Duration.ofSeconds(30));
      try (Browser browser = new Browser(temp.resolve("profile"))) {
        ChromeDriver driver = browser.driver;
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        driver.get(signInUrl(data, daemon.port()));
        wait.until(d -> d.findElement(By.id("app")).isDisplayed());
        wait.until(
            d ->
                d.findElement(By.id("status-vision")).getText().equals("vision off (text only)")
                    ? true
                    : null);
        // An hour around now: the parts are wide enough to point at.
        driver.findElement(By.id("lanes")).sendKeys("++");
        WebElement bar =
            wait.until(
                d ->
                    d.findElement(
                        By.cssSelector("#lanes[data-drawn^='1hour '] .bar[data-keyframe]")));
        new Actions(driver).moveToElement(bar).perform();
        WebElement thumb = wait.until(d -> d.findElement(By.id("thumb")));
        wait.until(d -> thumb.isDisplayed() ? true : null);
        wait.until(
            d ->
                Boolean.TRUE.equals(
                        ((ChromeDriver) d)
                            .executeScript(
                                "const i = document.getElementById('thumb-img');"
                                    + " return i.complete && i.naturalWidth > 0;"))
                    ? true
                    : null);
        assertEquals(
            bar.getDomAttribute("data-keyframe"),
            driver.findElement(By.id("thumb-img")).getDomAttribute("data-seq"));

        // Issue 25: the page lists what capture leaves out, with where each rule comes from.
        WebElement privacy = wait.until(d -> d.findElement(By.id("status-privacy")));
        wait.until(d -> privacy.isDisplayed() ? true : null);
        assertTrue(
            privacy.getText().startsWith("Excluded: ") && privacy.getText().contains("masked"),
            privacy.getText());
        privacy.findElement(By.tagName("summary")).click();
        String rules = privacy.findElement(By.tagName("ul")).getText();
        assertTrue(
            rules.contains("app keepassxc (privacy.exclude.defaults: password-managers)"), rules);

        // Issue 25: the page's button forgets the last 10 minutes, once the user says yes.
        driver.findElement(By.id("forget")).click();
        wait.until(d -> d.switchTo().alert()).accept();
        wait.until(
            d -> d.findElement(By.id("problems")).getText().startsWith("Forgot ") ? true : null);
        JsonObject forgets =
            new JsonObject(daemon.get("/api/v1/events?kind=forget").body())
                .getJsonArray("events")
                .getJsonObject(0);
        assertTrue(forgets.getLong("frames") > 0, forgets.encode());
        assertEquals(List.of(), Chromium.consoleErrors(driver), "console errors");
      }
      assertEquals(0, daemon.terminate());
    }
  }

  /** Keeps a screenshot in target/page-screenshots (the README's is one of them). */
  private static Path keep(byte[] png, String name) throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "page-screenshots"));
    return Files.write(dir.resolve(name), png);
  }

  /** A browser without the session: told how to sign in, and the API gives it nothing. */
  private void strangerSeesNothing(String base) throws Exception {
    try (Browser browser = new Browser(temp.resolve("stranger"))) {
      ChromeDriver driver = browser.driver;
      driver.get(base + "/");
      new WebDriverWait(driver, WAIT).until(d -> d.findElement(By.id("signed-out")).isDisplayed());
      assertTrue(
          driver.findElement(By.id("signed-out")).getText().contains("ironcliw open"),
          driver.findElement(By.id("signed-out")).getText());
      assertFalse(driver.findElement(By.id("app")).isDisplayed());
      for (String path : List.of("/api/v1/status", "/api/v1/search?q=revenue", "/api/v1/frames")) {
        Object status =
            driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "fetch(arguments[0]).then(r => done(r.status), e => done(String(e)));",
                path);
        assertEquals(401L, status, path);
      }
      assertFalse(driver.getPageSource().contains("revenue"), "no data in the page");
      assertEquals(
          List.of(),
          Chromium.consoleErrors(driver).stream().filter(e -> !e.contains("401")).toList());
    }
  }

  /**
   * What the session cookie is good for, asked outside the browser: reading, and changing with the
   * page's header only; not minting codes, the MCP endpoint, nor a request from another origin.
   */
  private static void cookieRules(ChromeDriver driver, String base, int port) throws Exception {
    String cookie =
        "ironcliw-session-"
            + port
            + "="
            + driver.manage().getCookieNamed("ironcliw-session-" + port).getValue();
    assertTrue(driver.manage().getCookieNamed("ironcliw-session-" + port).isHttpOnly());
    try (HttpClient http = HttpClient.newHttpClient()) {
      assertEquals(200, send(http, base, "GET", "/api/v1/status", cookie, Map.of()));
      assertEquals(403, send(http, base, "POST", "/api/v1/resume", cookie, Map.of()));
      assertEquals(
          200,
          send(http, base, "POST", "/api/v1/resume", cookie, Map.of("X-Ironcliw-Request", "1")));
      assertEquals(
          403,
          send(
              http,
              base,
              "POST",
              "/api/v1/resume",
              cookie,
              Map.of("X-Ironcliw-Request", "1", "Origin", "https://evil.example")));
      assertEquals(
          401,
          send(
              http,
              base,
              "POST",
              "/api/v1/signin/code",
              cookie,
              Map.of("X-Ironcliw-Request", "1")));
      assertEquals(
          401, send(http, base, "POST", "/mcp", cookie, Map.of("X-Ironcliw-Request", "1")));
      assertEquals(
          401,
          send(
              http,
              base,
              "GET",
              "/api/v1/status",
              "ironcliw-session-" + port + "=forged",
              Map.of()));
    }
  }

  private static int send(
      HttpClient http,
      String base,
      String method,
      String path,
      String cookie,
      Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Cookie", cookie)
            .method(method, HttpRequest.BodyPublishers.noBody());
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** Types the phrase, opens the hit, and reads the highlight back from the screenshot. */
  private static void searchAndOpenTheHit(ChromeDriver driver, WebDriverWait wait, JsonObject hit)
      throws Exception {
    WebElement box = driver.findElement(By.cssSelector("input[type=search]"));
    box.sendKeys("revenue table");
    WebElement first = wait.until(d -> d.findElement(By.cssSelector("#hits [data-seq]")));
    assertTrue(first.getText().contains("revenue"), first.getText());
    long seq = Long.parseLong(first.getDomAttribute("data-seq"));
    first.click();
    WebElement image =
        wait.until(
            d -> {
              WebElement img = d.findElement(By.cssSelector("img#frame[data-seq]"));
              Object loaded =
                  ((ChromeDriver) d)
                      .executeScript(
                          "return arguments[0].complete && arguments[0].naturalWidth > 0"
                              + " && !arguments[0].hidden;",
                          img);
              return Boolean.TRUE.equals(loaded)
                      && img.getDomAttribute("data-seq").equals(Long.toString(seq))
                  ? img
                  : null;
            });
    wait.until(d -> d.findElement(By.id("text-layer")).getText().contains("revenue") ? true : null);
    BufferedImage shown =
        ImageIO.read(new ByteArrayInputStream(image.getScreenshotAs(OutputType.BYTES)));
    JsonArray boxes = hit.getJsonArray("boxes");
    assertFalse(boxes.isEmpty(), hit.encode());
    double scale = shown.getWidth() / 640.0; // the screenshots are 640 pixels wide
    int yellow = 0;
    int inside = 0;
    for (Object b : boxes) {
      JsonArray r = (JsonArray) b;
      for (int y = (int) (r.getInteger(1) * scale);
          y < (r.getInteger(1) + r.getInteger(3)) * scale;
          y++) {
        for (int x = (int) (r.getInteger(0) * scale);
            x < (r.getInteger(0) + r.getInteger(2)) * scale;
            x++) {
          int rgb = shown.getRGB(x, y);
          inside++;
          if (((rgb >> 16) & 0xff) > (rgb & 0xff) + 40) {
            yellow++;
          }
        }
      }
    }
    int outsideYellow = 0;
    for (int x = 0; x < shown.getWidth(); x++) {
      int rgb = shown.getRGB(x, shown.getHeight() - 3); // the bottom row: no text there
      if (((rgb >> 16) & 0xff) > (rgb & 0xff) + 40) {
        outsideYellow++;
      }
    }
    System.out.println(
        "page: hit frame "
            + seq
            + " shown "
            + shown.getWidth()
            + "x"
            + shown.getHeight()
            + ", "
            + yellow
            + " of "
            + inside
            + " pixels in the phrase's boxes highlighted, "
            + outsideYellow
            + " on a row without text");
    assertTrue(yellow > inside * 0.6, yellow + " of " + inside + " highlighted");
    assertEquals(0, outsideYellow, "nothing highlighted outside the boxes");
  }

  /** Scrubs by clicking the timeline, then steps with the arrow keys between changes. */
  private static void scrubAndStep(ChromeDriver driver, WebDriverWait wait, DaemonProcess daemon)
      throws Exception {
    JsonArray changes =
        new JsonObject(daemon.get("/api/v1/frames?verdict=CHANGE&limit=10").body())
            .getJsonArray("frames");
    assertTrue(changes.size() >= 2, changes.encode());
    JsonObject second = changes.getJsonObject(1);
    JsonObject first = changes.getJsonObject(0);
    // Zoom to a minute around the second change through the URL, as a bookmark would.
    driver.get(
        driver.getCurrentUrl().replaceAll("#.*", "")
            + "#t="
            + second.getString("capturedAt")
            + "&zoom=1minute");
    awaitFrame(driver, wait, second.getLong("seq"));
    wait.until(d -> d.findElements(By.cssSelector(".lane-track .bar")).isEmpty() ? null : true);

    WebElement track = driver.findElement(By.cssSelector(".lane-track"));
    new Actions(driver)
        .moveToElement(track, track.getRect().getWidth() / 2 - 2, 0)
        .click()
        .perform();
    wait.until(d -> d.getCurrentUrl().contains("#t=") ? true : null);
    String moment =
        URLDecoder.decode(
            driver.getCurrentUrl().replaceAll(".*#t=([^&]*).*", "$1"), StandardCharsets.UTF_8);
    JsonObject expected =
        new JsonObject(
                daemon
                    .get(
                        "/api/v1/timeline/moment?at="
                            + URLEncoder.encode(moment, StandardCharsets.UTF_8))
                    .body())
            .getJsonObject("frame");
    awaitFrame(driver, wait, expected.getLong("seq"));

    driver.get(
        driver.getCurrentUrl().replaceAll("#.*", "") + "#t=" + second.getString("capturedAt"));
    awaitFrame(driver, wait, second.getLong("seq"));
    driver.findElement(By.id("lanes")).sendKeys(Keys.ARROW_LEFT);
    awaitFrame(driver, wait, first.getLong("seq"));
    String stepped = URLDecoder.decode(driver.getCurrentUrl(), StandardCharsets.UTF_8);
    assertTrue(stepped.contains("#t=" + first.getString("capturedAt")), stepped);
    driver.findElement(By.id("lanes")).sendKeys(Keys.ARROW_RIGHT);
    awaitFrame(driver, wait, second.getLong("seq"));
  }

  private static void awaitFrame(ChromeDriver driver, WebDriverWait wait, long seq) {
    wait.withMessage(
            () ->
                "the frame shown is "
                    + seq
                    + "; the page says: "
                    + driver.findElement(By.id("frame-caption")).getText()
                    + " at "
                    + driver.getCurrentUrl()
                    + "; console: "
                    + driver.manage().logs().get("browser").getAll())
        .until(
            d -> {
              var shown = d.findElements(By.cssSelector("#viewer[data-frame='" + seq + "']"));
              return shown.isEmpty() ? null : shown.getFirst();
            });
  }

  private static void pauseAndResume(
      ChromeDriver driver, WebDriverWait wait, DaemonProcess daemon) {
    wait.until(d -> d.findElement(By.id("pause")).isEnabled());
    driver.findElement(By.id("pause")).click();
    wait.until(d -> userPaused(daemon) ? true : null);
    wait.until(d -> "paused".equals(d.findElement(By.id("status-state")).getText()) ? true : null);
    driver.findElement(By.id("resume")).click();
    wait.until(d -> userPaused(daemon) ? null : true);
  }

  private static boolean userPaused(DaemonProcess daemon) {
    try {
      return daemon
          .status()
          .getJsonObject("capture")
          .getJsonObject("userPause")
          .getBoolean("paused");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static JsonObject awaitHit(DaemonProcess daemon, String query) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      JsonArray results =
          new JsonObject(
                  daemon
                      .get("/api/v1/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8))
                      .body())
              .getJsonArray("results");
      if (!results.isEmpty()) {
        return results.getJsonObject(0);
      }
      Thread.sleep(200);
    }
    throw new AssertionError("never indexed: " + query + "\n" + daemon.output());
  }

  /** {@code ironcliw open --print-url} against the daemon. */
  private static String signInUrl(Path data, int port) throws Exception {
    Process open =
        new ProcessBuilder(
                DaemonProcess.command(
                    "128m",
                    "open",
                    "--print-url",
                    "--data-dir",
                    data.toString(),
                    "--port",
                    Integer.toString(port)))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(open.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertTrue(open.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, open.exitValue(), out);
    return out;
  }

  /** The status of trading an already used code, and whether it set a cookie. */
  private static String codeUsedTwice(String url) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> again =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals("/#signin=expired", again.headers().firstValue("Location").orElse(""));
      assertNull(again.headers().firstValue("Set-Cookie").orElse(null));
      return Integer.toString(again.statusCode());
    }
  }

  /** A Chromium that quits when the test is done with it. */
  private static final class Browser implements AutoCloseable {
    final ChromeDriver driver;

    Browser(Path profile) {
      driver = Chromium.start(profile);
    }

    @Override
    public void close() {
      driver.quit();
    }
  }
}

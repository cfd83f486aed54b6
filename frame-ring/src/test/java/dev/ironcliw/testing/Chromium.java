package dev.ironcliw.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's Chromium, headless, driven through its own chromedriver (Selenium's manager would try to
 * download one): a real browser for the page's tests, with its console and network logged.
 */
public final class Chromium {
  public static final Path BROWSER = Path.of("/usr/bin/chromium");
  public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private static final Json JSON = new Json();

  private Chromium() {}

  /** Skips (fails in CI) unless both are installed. */
  public static void require() {
    NativeRequirement.require(
        Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER), NativePiece.CHROMIUM);
  }

  /** A new headless browser with a profile of its own in {@code profile}. */
  public static ChromeDriver start(Path profile) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox", // the tests run as root in CI
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1600,1100",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-default-apps",
        "--disable-sync",
        "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    logs.enable(LogType.PERFORMANCE, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(DRIVER.toString()))
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, options);
  }

  /** The console's errors since the last call. */
  public static List<String> consoleErrors(ChromeDriver driver) {
    List<String> errors = new ArrayList<>();
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
        errors.add(entry.getMessage());
      }
    }
    return errors;
  }

  /** The URLs the page requested since the last call (the network log's requests). */
  @SuppressWarnings("unchecked")
  public static List<String> requestedUrls(ChromeDriver driver) {
    List<String> urls = new ArrayList<>();
    for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
      Map<String, Object> entryJson = JSON.toType(entry.getMessage(), Map.class);
      Map<String, Object> message = (Map<String, Object>) entryJson.get("message");
      if ("Network.requestWillBeSent".equals(message.get("method"))) {
        Map<String, Object> params = (Map<String, Object>) message.get("params");
        urls.add((String) ((Map<String, Object>) params.get("request")).get("url"));
      }
    }
    return urls;
  }
}

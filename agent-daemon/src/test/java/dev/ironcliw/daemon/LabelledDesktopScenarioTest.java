package dev.ironcliw.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.capture.XvfbServer;
import dev.ironcliw.daemon.scenario.ScenarioArea;
import dev.ironcliw.daemon.scenario.ScenarioLabel;
import dev.ironcliw.daemon.scenario.ScenarioPrograms;
import dev.ironcliw.daemon.scenario.ScenarioReport;
import dev.ironcliw.daemon.scenario.ScenarioShots;
import dev.ironcliw.daemon.scenario.X11ScenarioRecorder;
import dev.ironcliw.ring.Rect;
import dev.ironcliw.testing.Chromium;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dedup on the kinds of screen noise a desktop has besides clocks and terminal cursors, played by
 * real programs under Xvfb: Chromium showing a page with a text field whose caret blinks, a
 * notification that slides in and out, and a video playing in a corner; below it an xterm whose
 * spinner turns. Text is typed into the field, once while the notification is up. Recorded at 10
 * FPS with a label per frame, then replayed through a real daemon that lists every verdict.
 */
@Tag("slow") // left out by ./mvnw verify -Pquick
class LabelledDesktopScenarioTest {
  private static final int W = 640;
  private static final int H = 480;

  private static final Rect FIELD = new Rect(16, 60, 370, 44);
  private static final Rect NOTIFICATION = new Rect(370, 12, 270, 96);
  private static final Rect VIDEO = new Rect(436, 196, 200, 116);
  private static final Rect TERMINAL = new Rect(0, 330, W, H - 330);

  @TempDir Path temp;
  private ScenarioPrograms programs;
  private final SplittableRandom random = new SplittableRandom(2027);
  private X11ScenarioRecorder recorder;

  @Test
  void shouldForwardWhatTheUserDidAndNotTheCaretTheVideoOrTheSpinner() throws Exception {
    Path shots = record();
    List<JsonObject> frames = DaemonProcess.replayVerdicts(temp, shots);
    ScenarioReport report = new ScenarioReport("desktop", frames);
    report.print();

    assertTrue(report.total(ScenarioLabel.REAL) >= 30, "real changes recorded");
    assertTrue(report.total(ScenarioLabel.CARET_BLINK) >= 10, "caret blinks recorded");
    assertTrue(report.total(ScenarioLabel.SPINNER) >= 50, "spinner turns recorded");
    assertTrue(report.total(ScenarioLabel.VIDEO) >= 100, "video frames recorded");
    assertEquals(0, report.sent(ScenarioLabel.DUPLICATE), "every duplicate suppressed");
    assertEquals(1.0, report.recall(), "recall; missed " + report.missed());
    assertTrue(report.minorSuppressed() >= 0.9, "minor not forwarded: " + report.minorSuppressed());
    assertTrue(!report.returnsEnding().isEmpty(), "the notification slid out");
    for (JsonObject end : report.returnsEnding()) {
      assertEquals("REVISIT", end.getString("verdict"), "return " + end.getString("source"));
    }
  }

  private Path record() throws Exception {
    return ScenarioShots.recordOrReuse(
        "desktop",
        temp,
        shots -> {
          XvfbServer.requirePrograms("xterm", "xdotool", "xsetroot");
          Chromium.require();
          Path page = temp.resolve("desk.html");
          try (InputStream in = getClass().getResourceAsStream("/scenario/desk.html")) {
            Files.copy(in, page);
          }
          try (XvfbServer xvfb = XvfbServer.start(W, H);
              ScenarioPrograms started = new ScenarioPrograms(xvfb)) {
            programs = started;
            play(xvfb, page, shots);
          }
        });
  }

  private void play(XvfbServer xvfb, Path page, Path shots) throws Exception {
    xvfb.run("xsetroot", "-solid", "#2a3540");
    programs.start(
        "xterm",
        "-geometry",
        "100x8+0+330",
        "-xrm",
        "XTerm*cursorBlink: false",
        "-e",
        "sh",
        "-c",
        "while :; do for c in '|' / - '\\'; do printf '\\r %s building' \"$c\"; sleep 0.1; done;"
            + " done");
    programs.start(
        Chromium.BROWSER.toString(),
        "--no-sandbox", // the tests run as root in CI
        "--test-type", // no bar warning of that flag
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + temp.resolve("profile"),
        "--window-position=0,0",
        "--window-size=640,320",
        "--app=" + page.toUri());
    Thread.sleep(6000); // Chromium starts and paints
    String browser = programs.window("desk");
    xvfb.run("xdotool", "windowfocus", browser);
    xvfb.run("xdotool", "mousemove", "639", "479");
    Thread.sleep(1000);

    recorder =
        new X11ScenarioRecorder(
            xvfb.display(),
            W,
            H,
            List.of(FIELD, NOTIFICATION),
            // A frame where several changed carries the label of the rarest.
            List.of(
                new ScenarioArea(FIELD, ScenarioLabel.CARET_BLINK),
                new ScenarioArea(VIDEO, ScenarioLabel.VIDEO),
                new ScenarioArea(TERMINAL, ScenarioLabel.SPINNER)),
            shots);
    recorder.nextActionsAre(null);
    recorder.start();
    Thread.sleep(6000); // the caret blinks, the spinner turns

    type(xvfb, "lunch at one?");
    Thread.sleep(4000);
    notification(xvfb, ScenarioLabel.REAL);
    Thread.sleep(3000);
    notification(xvfb, ScenarioLabel.RETURN);
    Thread.sleep(3000);

    xvfb.run("xdotool", "key", "F4"); // the video starts
    Thread.sleep(8000);
    type(xvfb, " see you");
    Thread.sleep(3000);
    notification(xvfb, ScenarioLabel.REAL);
    Thread.sleep(2000);
    type(xvfb, " ok");
    Thread.sleep(1000);
    // Sliding out over text typed while it was in: a screen never seen, a real change.
    notification(xvfb, ScenarioLabel.REAL);
    Thread.sleep(6000);
    xvfb.run("xdotool", "key", "F4"); // the video stops
    Thread.sleep(8000); // the page sits as the user left it
    recorder.stop();
    System.out.println("scenario desktop: recorded " + recorder.counts());
  }

  /** Types {@code text} into the field with human pauses, labelled REAL while it shows. */
  private void type(XvfbServer xvfb, String text) throws Exception {
    recorder.nextActionsAre(ScenarioLabel.REAL);
    for (char c : text.toCharArray()) {
      xvfb.run("xdotool", "type", "--delay", "0", String.valueOf(c));
      // Under Chromium's half-second blink, so the caret stays on while the user types.
      Thread.sleep(120 + random.nextInt(200));
    }
    Thread.sleep(300);
    recorder.nextActionsAre(null);
  }

  /** Slides the notification in or out, labelled {@code kind} until the slide is over. */
  private void notification(XvfbServer xvfb, ScenarioLabel kind) throws Exception {
    recorder.nextActionsIn(kind, NOTIFICATION);
    xvfb.run("xdotool", "key", "F2");
    Thread.sleep(900);
    recorder.nextActionsAre(null);
  }
}

package dev.ironcliw.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.capture.XvfbServer;
import dev.ironcliw.daemon.scenario.RecordedTileHistory;
import dev.ironcliw.daemon.scenario.ScenarioArea;
import dev.ironcliw.daemon.scenario.ScenarioLabel;
import dev.ironcliw.daemon.scenario.ScenarioPrograms;
import dev.ironcliw.daemon.scenario.ScenarioReport;
import dev.ironcliw.daemon.scenario.ScenarioShots;
import dev.ironcliw.daemon.scenario.X11ScenarioRecorder;
import dev.ironcliw.ring.Rect;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dedup must-show: a scenario played by real X11 programs under Xvfb (a terminal typed into and
 * scrolling, a ticking xclock, an xmessage popup opening and closing, a second one closing over
 * text typed while it was open, two terminals switched and back, an idle terminal with a blinking
 * cursor), recorded at 10 FPS with a label per frame from the timeline, then replayed through a
 * real daemon whose API lists every frame's verdict.
 */
@Tag("slow") // left out by ./mvnw verify -Pquick
class LabelledX11ScenarioTest {
  private static final int W = 640;
  private static final int H = 480;

  /** The daemon's default {@code diff.tileSize}, which the replay runs with. */
  private static final int TILE = 32;

  private static final Rect CLOCK_AREA = new Rect(470, 0, 170, 40);
  private static final Rect IDLE_AREA = new Rect(440, 400, 200, 80);

  @TempDir Path temp;
  private ScenarioPrograms programs;
  private final SplittableRandom random = new SplittableRandom(2026);
  private String target;

  @Test
  void shouldSuppressDuplicatesAndNoiseForwardRealChangesAndRecogniseReturns() throws Exception {
    Path shots = recordOrReuse();
    RecordedTileHistory history =
        RecordedTileHistory.of(shots, TILE, List.of(CLOCK_AREA, IDLE_AREA));
    List<JsonObject> frames = DaemonProcess.replayVerdicts(temp, shots);
    ScenarioReport report = new ScenarioReport("terminal", frames);
    for (JsonObject frame : frames) {
      if (ScenarioLabel.ofFileName(frame.getString("source")) == ScenarioLabel.RETURN) {
        System.out.printf(
            "scenario: return %s -> %s, %d changed tiles, regions %s%n",
            frame.getString("source"),
            frame.getString("verdict"),
            frame.getInteger("changedTiles"),
            frame.getJsonArray("regions").stream()
                .map(r -> ((JsonObject) r).copy().put("features", "").encode())
                .toList());
      }
    }
    List<JsonObject> returnsEnding = report.returnsEnding();
    List<String> trueReturns = new ArrayList<>();
    for (JsonObject frame : returnsEnding) {
      String source = frame.getString("source");
      List<Rect> unseen = history.unseenTiles(source);
      if (unseen.isEmpty()) {
        trueReturns.add(source + " " + frame.getString("verdict"));
      } else {
        System.out.printf(
            "scenario: return %s drew tiles never shown there before, not a return: %s%n",
            source, unseen);
      }
    }
    report.print();
    int noise = report.total(ScenarioLabel.CLOCK_TICK) + report.total(ScenarioLabel.CURSOR_BLINK);

    assertTrue(report.total(ScenarioLabel.REAL) >= 60, "enough real changes recorded");
    assertTrue(noise >= 100, "enough clock ticks and blinks recorded: " + noise);
    assertEquals(0, report.sent(ScenarioLabel.DUPLICATE), "every duplicate suppressed");
    assertEquals(1.0, report.recall(), "recall; missed " + report.missed());
    assertTrue(
        report.minorSuppressed() >= 0.95, "noise not forwarded: " + report.minorSuppressed());
    // A return may show a half-redrawn frame first (X clears an exposed area before the client
    // repaints it); the screen it returns to is the last frame of the run.
    // A return whose pixels were not all shown before is left out: xterm sometimes redraws a
    // raised window with a tile never seen there (in a CI run tile 0,160 of the terminal, where
    // its prompt and cursor are; not looked into), and then CHANGE is the right verdict. Every
    // true return must end on a REVISIT.
    assertTrue(returnsEnding.size() >= 4, "returns recorded: " + returnsEnding.size());
    assertTrue(trueReturns.size() >= 2, "true returns: " + trueReturns);
    assertTrue(
        trueReturns.stream().allMatch(r -> r.endsWith(" REVISIT")),
        "every true return ends on a REVISIT: " + trueReturns);
  }

  private Path recordOrReuse() throws Exception {
    return ScenarioShots.recordOrReuse(
        "terminal",
        temp,
        shots -> {
          XvfbServer.requirePrograms("xterm", "xclock", "xmessage", "xdotool", "xsetroot");
          try (XvfbServer xvfb = XvfbServer.start(W, H);
              ScenarioPrograms started = new ScenarioPrograms(xvfb)) {
            programs = started;
            System.out.println("scenario terminal: recorded " + play(xvfb, shots));
          }
        });
  }

  /** Plays the timeline while the recorder grabs; returns the frames recorded per label. */
  private Map<ScenarioLabel, Integer> play(XvfbServer xvfb, Path shots) throws Exception {
    xvfb.run("xsetroot", "-solid", "#2a3540");
    // Two terminals, B under A; the clock top right; an idle terminal bottom right that blinks.
    programs.start(
        "xterm",
        "-geometry",
        "56x14+10+40",
        "-T",
        "termB",
        "-xrm",
        "XTerm*cursorBlink: false",
        "-e",
        "sh",
        "-c",
        "echo other window; ls /usr; exec sleep 100000");
    Thread.sleep(700);
    programs.start(
        "xterm",
        "-geometry",
        "56x14+0+0",
        "-T",
        "termA",
        "-xrm",
        "XTerm*cursorBlink: false",
        "-xrm",
        "XTerm*allowSendEvents: true",
        "-e",
        "env",
        "PS1=$ ",
        "bash",
        "--norc",
        "--noprofile");
    programs.start(
        "xclock", "-digital", "-update", "1", "-geometry", "160x30+470+0", "-strftime", "%H:%M:%S");
    programs.start(
        "xterm", "-geometry", "24x3+440+400", "-T", "idle", "-xrm", "XTerm*cursorBlink: true");
    Thread.sleep(2000);
    String termA = programs.window("^termA$");
    String termB = programs.window("^termB$");
    // The idle terminal keeps the focus, so its cursor blinks; keys reach termA as sent events.
    xvfb.run("xdotool", "windowfocus", programs.window("^idle$"));
    this.target = termA;
    xvfb.run("xdotool", "mousemove", "630", "200"); // the pointer over the bare root window
    Thread.sleep(500);

    X11ScenarioRecorder recorder =
        new X11ScenarioRecorder(
            xvfb.display(),
            W,
            H,
            List.of(new Rect(0, 0, 360, 240), new Rect(60, 100, 300, 120)),
            List.of(
                new ScenarioArea(CLOCK_AREA, ScenarioLabel.CLOCK_TICK),
                new ScenarioArea(IDLE_AREA, ScenarioLabel.CURSOR_BLINK)),
            shots);
    recorder.start();
    Thread.sleep(15_000); // idle: the clock ticks, the idle terminal blinks

    recorder.nextActionsAre(ScenarioLabel.REAL);
    type(xvfb, "echo hello ironcliw", 150, 450);
    key(xvfb, "Return", 1500);
    type(xvfb, "for i in $(seq 1 20); do echo line $i; sleep 0.3; done", 60, 200);
    key(xvfb, "Return", 9000); // scrolling output

    Process popup =
        programs.start("xmessage", "-geometry", "+60+100", "Build finished: 3 warnings");
    Thread.sleep(3000);
    recorder.nextActionsAre(ScenarioLabel.RETURN);
    popup.destroy();
    popup.waitFor();
    Thread.sleep(3000);

    // A popup closing over text typed while it was open uncovers a screen never seen as a whole,
    // though every tile of it was seen at its place: a real change.
    recorder.nextActionsAre(ScenarioLabel.REAL);
    Process second = programs.start("xmessage", "-geometry", "+60+100", "Tests passed");
    Thread.sleep(2000);
    type(xvfb, "date", 150, 450);
    key(xvfb, "Return", 1500);
    second.destroy();
    second.waitFor();
    Thread.sleep(3000);

    recorder.nextActionsAre(ScenarioLabel.REAL);
    xvfb.run("xdotool", "windowraise", termB); // switch to the other window
    Thread.sleep(3000);
    recorder.nextActionsAre(ScenarioLabel.RETURN);
    xvfb.run("xdotool", "windowraise", termA); // and back
    Thread.sleep(3000);
    xvfb.run("xdotool", "windowraise", termB); // to the other one again: seen before
    Thread.sleep(3000);
    xvfb.run("xdotool", "windowraise", termA);
    Thread.sleep(3000);

    Thread.sleep(20_000); // idle with a blinking cursor

    recorder.nextActionsAre(ScenarioLabel.REAL);
    for (String c : List.of("l", "s", " ", "-", "a")) {
      type(xvfb, c, 1500, 2500); // single characters, seconds apart
    }
    Thread.sleep(2000);
    recorder.stop();
    return recorder.counts();
  }

  /** Types {@code text} a character at a time, pausing a random human-like time after each. */
  private void type(XvfbServer xvfb, String text, int minPauseMs, int maxPauseMs) throws Exception {
    for (char c : text.toCharArray()) {
      xvfb.run("xdotool", "type", "--window", target, "--delay", "0", String.valueOf(c));
      Thread.sleep(minPauseMs + random.nextInt(maxPauseMs - minPauseMs + 1));
    }
  }

  private void key(XvfbServer xvfb, String key, int pauseMs) throws Exception {
    xvfb.run("xdotool", "key", "--window", target, key);
    Thread.sleep(pauseMs);
  }

  /** Replays the recorded frames through a daemon and lists every verdict over the API. */
}

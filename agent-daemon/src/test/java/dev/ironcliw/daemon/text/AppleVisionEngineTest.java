package dev.ironcliw.daemon.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.ironcliw.capture.macos.MacCaptureException;
import dev.ironcliw.config.TextSettings;
import dev.ironcliw.daemon.journal.record.TextLine;
import dev.ironcliw.daemon.journal.record.TextWord;
import dev.ironcliw.ring.Rect;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Apple Vision engine around a scripted recognizer that answers as the shim's {@code
 * ironcliw_recognize_text} does: words in the image's pixels become lines and blocks in the frame's
 * pixels. Vision itself runs only on macOS, which no machine here is.
 */
class AppleVisionEngineTest {
  /** A 2x image of the frame area at (100, 40). */
  private static final GreyImage IMAGE = new GreyImage(new byte[800 * 400], 800, 400, 2, 100, 40);

  @Test
  void shouldMakeLinesAndBlocksInFramePixelsFromVisionsWords() {
    List<String> asked = new ArrayList<>();
    AppleVisionEngine engine =
        new AppleVisionEngine(
            (grey, width, height, languages) -> {
              asked.add(width + "x" + height + " " + languages);
              // Vision's order need not be the reading order: the far line comes first here.
              return """
                  0 20 300 120 30 61 Total:
                  0 150 300 60 30 61 42,00
                  1 20 20 140 30 98 Invoice
                  1 170 20 80 30 98 2291
                  2 20 56 180 30 90 overdue
                  """;
            },
            "eng+chi_sim");
    List<TextLine> lines = engine.read(IMAGE);
    assertEquals(List.of("800x400 en-US,zh-Hans"), asked);
    assertEquals(
        List.of("Invoice 2291", "overdue", "Total: 42,00"),
        lines.stream().map(TextLine::text).toList());
    assertEquals(List.of(0, 0, 1), lines.stream().map(TextLine::block).toList());
    TextWord invoice = lines.getFirst().words().getFirst();
    assertEquals(new Rect(110, 50, 70, 15), invoice.box(), "halved, then moved to the area");
    assertEquals(98, invoice.confidence());
    assertEquals("apple-vision (en-US,zh-Hans)", engine.description());
  }

  @Test
  void shouldFailWhereVisionFailsAndReadNothingOnceCancelled() {
    int[] calls = {0};
    AppleVisionEngine engine =
        new AppleVisionEngine(
            (grey, width, height, languages) -> {
              calls[0]++;
              throw new MacCaptureException("Vision could not read a 800x400 image");
            },
            "de-DE");
    assertThrows(MacCaptureException.class, () -> engine.read(IMAGE), "counted as failed");
    engine.cancel();
    assertEquals(List.of(), engine.read(IMAGE));
    assertEquals(1, calls[0], "no call after cancel");
    assertEquals("apple-vision (de-DE)", engine.description(), "a BCP-47 tag as given");
  }

  @Test
  void shouldSayWhyAppleVisionIsNotHereAndLetAutoFallBack() {
    assumeFalse(com.sun.jna.Platform.isMac(), "this checks a machine without Vision");
    TextEngineUnavailableException e =
        assertThrows(TextEngineUnavailableException.class, () -> AppleVisionEngine.open("eng"));
    assertTrue(e.getMessage().contains("only on macOS"), e.getMessage());
    TextEngines.Choice vision =
        TextEngines.choose(new TextSettings("apple-vision", "eng", Duration.ofSeconds(1), 0.25));
    assertNull(vision.engine());
    assertTrue(vision.message().contains("Apple Vision is only on macOS"), vision.message());
  }
}

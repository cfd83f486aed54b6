package dev.ironcliw.daemon.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.capture.Grab;
import dev.ironcliw.capture.XvfbServer;
import dev.ironcliw.capture.x11.X11Source;
import dev.ironcliw.daemon.journal.record.TextLine;
import dev.ironcliw.daemon.journal.record.TextWord;
import dev.ironcliw.ring.Rect;
import dev.ironcliw.testing.NativePiece;
import dev.ironcliw.testing.NativeRequirement;
import dev.ironcliw.testing.Waits;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Real Tesseract reading a real xterm on Xvfb, grabbed by the X11 capture. */
class TesseractEngineTest {
  private static final int W = 640;
  private static final int H = 240;

  static TesseractEngine engine() {
    try {
      return TesseractEngine.open("eng");
    } catch (TextEngineUnavailableException e) {
      NativeRequirement.require(false, NativePiece.TESSERACT, e.getMessage());
      throw e;
    }
  }

  @Test
  void shouldReadLightOnDarkBitmapTerminalTextWithTheWordsBoxesInFramePixels() throws Exception {
    try (TesseractEngine engine = engine();
        XvfbServer xvfb = XvfbServer.start(W, H);
        X11Source source =
            X11Source.open(xvfb.display(), List.of("all"), true, List.of(), List.of());
        Arena arena = Arena.ofConfined()) {
      XvfbServer.requirePrograms("xterm");
      Process xterm =
          new ProcessBuilder(
                  "xterm",
                  "-display",
                  xvfb.display(),
                  "-rv",
                  "-geometry",
                  "70x8+0+0",
                  "-e",
                  "sh",
                  "-c",
                  "printf 'Invoice 2291 is overdue since March\\nerror: connection refused by"
                      + " 10.0.0.7 port 5432\\n'; sleep 60")
              .start();
      try {
        MemorySegment pixels = arena.allocate((long) W * H * 4);
        long[] tick = {0};
        Waits.await("the xterm's text on screen", Duration.ofSeconds(20))
            .until(
                () -> {
                  if (source.grab(0, ++tick[0]) == Grab.FRAME) {
                    source.copyFrameTo(pixels, W * 4);
                  }
                  return distinctColours(pixels) >= 2;
                });
        Thread.sleep(500);
        source.grab(0, ++tick[0]);
        source.copyFrameTo(pixels, W * 4);

        GreyImage image = TextImages.prepare(pixels, W * 4, new Rect(0, 0, W, H));
        long start = System.nanoTime();
        List<TextLine> lines = engine.read(image);
        System.out.printf(
            "read %dx%d (scale %d) in %d ms: %s%n",
            W,
            H,
            image.scale(),
            (System.nanoTime() - start) / 1_000_000,
            lines.stream().map(l -> l.text() + " " + l.box()).collect(Collectors.joining(" | ")));
        String all = lines.stream().map(TextLine::text).collect(Collectors.joining("\n"));
        assertTrue(all.contains("Invoice 2291 is overdue since March"), all);
        // The 1-pixel dots of the bitmap font are read as dots or commas, which search treats
        // alike.
        assertTrue(all.matches("(?s).*connection refused by 10[.,]0[.,]0[.,]7 port 5432.*"), all);
        TextWord invoice =
            lines.stream()
                .flatMap(l -> l.words().stream())
                .filter(w -> w.text().equals("Invoice"))
                .findFirst()
                .orElseThrow();
        // The default font is 6x13: "Invoice" is 7 cells wide on the first row, after the border.
        Rect box = invoice.box();
        assertTrue(box.x() >= 0 && box.x() < 8 && box.y() >= 0 && box.y() < 10, box.toString());
        assertTrue(box.width() >= 35 && box.width() <= 45, box.toString());
        assertTrue(box.height() >= 7 && box.height() <= 14, box.toString());
        assertTrue(invoice.confidence() > 50, invoice.toString());

        // Cancelled (at shutdown), Tesseract's own check after each word ends the read.
        engine.cancel();
        assertEquals(List.of(), engine.read(image), "a read after cancel finds nothing");
      } finally {
        xterm.destroy();
      }
    }
  }

  private static int distinctColours(MemorySegment pixels) {
    return (int)
        java.util.Arrays.stream(pixels.toArray(java.lang.foreign.ValueLayout.JAVA_INT))
            .map(p -> p & 0xFFFFFF)
            .distinct()
            .limit(3)
            .count();
  }
}

package dev.ironcliw.benchmarks.jmh;

import dev.ironcliw.daemon.journal.record.TextLine;
import dev.ironcliw.daemon.text.GreyImage;
import dev.ironcliw.daemon.text.TesseractEngine;
import dev.ironcliw.daemon.text.TextImages;
import dev.ironcliw.ring.Rect;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What one settled change costs text recognition: a band of a 1920-pixel-wide dark terminal (light
 * 12-pixel monospaced text drawn with Java2D) of {@code rows} text rows, prepared ({@link
 * TextImages}: grey, inverted, scaled) and read by the system's Tesseract. {@code prepare} alone is
 * the floor the read is compared with. Needs Tesseract (Debian: tesseract-ocr tesseract-ocr-eng)
 * and a font.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TextRecognitionBenchmark extends BenchmarkDefaults {
  private static final int WIDTH = 1920;
  private static final int ROW_PIXELS = 16;
  private static final String[] WORDS = {
    "error:", "connection", "refused", "invoice", "2291", "deploy", "gateway", "rollout",
    "restart", "kubectl", "overdue", "since", "March", "pending", "review", "build"
  };

  /** 1: a line typed; 12: a paragraph; 67: a whole 1080p screen. */
  @Param({"1", "12", "67"})
  public int rows;

  /** The most the band is scaled up (a whole screen is scaled 2x at most). */
  @Param({"3", "2"})
  public int maxScale;

  private MemorySegment pixels;
  private Rect band;
  private TesseractEngine engine;

  @Setup(Level.Trial)
  public void draw() {
    int height = rows * ROW_PIXELS + 8;
    BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(0x1E1E1E));
    g.fillRect(0, 0, WIDTH, height);
    g.setColor(new Color(0xD4D4D4));
    g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 12));
    for (int r = 0; r < rows; r++) {
      StringBuilder line = new StringBuilder("$ ");
      for (int w = 0; w < 14; w++) {
        line.append(WORDS[(r * 7 + w * 3) % WORDS.length]).append(' ');
      }
      g.drawString(line.toString(), 4, 4 + (r + 1) * ROW_PIXELS - 4);
    }
    g.dispose();
    int[] data = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    pixels = MemorySegment.ofArray(data);
    band = new Rect(0, 0, WIDTH, height);
    engine = TesseractEngine.open("eng");
    List<TextLine> lines = engine.read(prepare());
    System.out.printf(
        "%n%d rows at most %dx: %d lines read, %d words as drawn; first: %s%n",
        rows,
        maxScale,
        lines.size(),
        lines.stream()
            .flatMap(l -> l.words().stream())
            .filter(w -> java.util.Arrays.asList(WORDS).contains(w.text()) || w.text().equals("$"))
            .count(),
        lines.isEmpty() ? "-" : lines.getFirst().text());
  }

  @TearDown(Level.Trial)
  public void close() {
    engine.close();
  }

  @Benchmark
  public GreyImage prepare() {
    return TextImages.prepare(pixels, WIDTH * Integer.BYTES, band, maxScale);
  }

  @Benchmark
  public List<TextLine> prepareAndRead() {
    return engine.read(prepare());
  }
}

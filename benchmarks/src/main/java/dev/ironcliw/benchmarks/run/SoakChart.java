package dev.ironcliw.benchmarks.run;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** The soak run's chart: CPU % of one core and resident MiB against seconds, phases shaded. */
final class SoakChart {
  private static final int WIDTH = 1200;
  private static final int PANEL = 260;
  private static final int MARGIN = 60;
  private static final Color[] PHASE_COLOURS = {
    new Color(0xF4F4F4), new Color(0xE3F0FF), new Color(0xE6F7E6), new Color(0xFFF1DE)
  };

  private SoakChart() {}

  static void write(List<SoakRun.Sample> samples, Path png) throws IOException {
    BufferedImage image =
        new BufferedImage(WIDTH, 2 * PANEL + 3 * MARGIN, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      double maxCpu =
          Math.max(10, samples.stream().mapToDouble(SoakRun.Sample::cpuPercent).max().orElse(10));
      double maxRss =
          Math.max(64, samples.stream().mapToDouble(SoakRun.Sample::rssMib).max().orElse(64));
      panel(
          g,
          samples,
          MARGIN,
          "CPU, % of one core",
          maxCpu * 1.1,
          SoakRun.Sample::cpuPercent,
          new Color(0xC0392B));
      panel(
          g,
          samples,
          2 * MARGIN + PANEL,
          "resident memory, MiB",
          maxRss * 1.1,
          SoakRun.Sample::rssMib,
          new Color(0x2471A3));
      int x = MARGIN;
      for (SoakActivity.Phase phase : SoakActivity.Phase.values()) {
        g.setColor(PHASE_COLOURS[phase.ordinal()]);
        g.fillRect(x, image.getHeight() - 22, 14, 14);
        g.setColor(Color.DARK_GRAY);
        g.drawString(phase.name().toLowerCase(Locale.ROOT), x + 18, image.getHeight() - 10);
        x += 110;
      }
    } finally {
      g.dispose();
    }
    ImageIO.write(image, "png", png.toFile());
  }

  private static void panel(
      Graphics2D g,
      List<SoakRun.Sample> samples,
      int top,
      String title,
      double max,
      java.util.function.ToDoubleFunction<SoakRun.Sample> value,
      Color colour) {
    int left = MARGIN;
    int width = WIDTH - 2 * MARGIN;
    int n = Math.max(1, samples.size() - 1);
    for (int i = 0; i < samples.size(); i++) {
      g.setColor(PHASE_COLOURS[samples.get(i).phase().ordinal()]);
      int x0 = left + i * width / n;
      int x1 = Math.min(left + width, left + (i + 1) * width / n);
      g.fillRect(x0, top, Math.max(1, x1 - x0), PANEL);
    }
    g.setColor(Color.GRAY);
    g.drawRect(left, top, width, PANEL);
    g.setColor(Color.DARK_GRAY);
    g.drawString(title, left, top - 8);
    for (int tick = 0; tick <= 4; tick++) {
      double v = max * tick / 4;
      int y = top + PANEL - (int) (PANEL * tick / 4.0);
      g.drawString(String.format(Locale.ROOT, "%.0f", v), 8, y + 4);
    }
    g.drawString("0 s", left, top + PANEL + 14);
    g.drawString(samples.size() + " s", left + width - 30, top + PANEL + 14);
    g.setColor(colour);
    g.setStroke(new BasicStroke(1.5f));
    int px = -1;
    int py = -1;
    for (int i = 0; i < samples.size(); i++) {
      double v = value.applyAsDouble(samples.get(i));
      if (v < 0) {
        continue;
      }
      int x = left + i * width / n;
      int y = top + PANEL - (int) Math.round(PANEL * Math.min(v, max) / max);
      if (px >= 0) {
        g.drawLine(px, py, x, y);
      }
      px = x;
      py = y;
    }
  }
}

package dev.ironcliw.benchmarks.jmh;

import dev.ironcliw.benchmarks.support.DesktopPicture;
import dev.ironcliw.vision.image.ImageEncoder;
import dev.ironcliw.vision.image.TurboJpeg;
import java.awt.image.BufferedImage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A keyframe's JPEG (a 1080p desktop downscaled to 1280x720, quality 0.7, as {@code
 * history.keyframes} keeps it), by the JDK's writer and by libjpeg-turbo: issue 26's goal is 8 ms.
 */
@State(Scope.Thread)
public class KeyframeEncodeBenchmark extends BenchmarkDefaults {
  @Param({"1280x720", "2560x1440"})
  public String size;

  private int width;
  private int height;
  private int[] rgb;
  private BufferedImage image;

  @Setup
  public void setUp() {
    String[] parts = size.split("x");
    width = Integer.parseInt(parts[0]);
    height = Integer.parseInt(parts[1]);
    rgb = DesktopPicture.rgb(width, height);
    image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    image.setRGB(0, 0, width, height, rgb, 0, width);
  }

  @Benchmark
  public byte[] imageIo() {
    return ImageEncoder.jpegByImageIo(image, 0.7f);
  }

  @Benchmark
  public byte[] turboJpeg() {
    if (!TurboJpeg.available()) {
      throw new IllegalStateException(TurboJpeg.unavailableReason());
    }
    return TurboJpeg.encode(rgb, width, height, 70);
  }
}

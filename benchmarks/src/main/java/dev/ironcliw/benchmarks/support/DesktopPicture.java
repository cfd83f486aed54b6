package dev.ironcliw.benchmarks.support;

/**
 * A 1920x1080 desktop-like picture for the image benchmarks: a window with lines of "text" on a
 * flat desktop, with a gradient wallpaper band.
 */
public final class DesktopPicture {
  public static final int WIDTH = 1920;
  public static final int HEIGHT = 1080;

  private DesktopPicture() {}

  /** The pixel at ({@code x}, {@code y}) of the 1920x1080 picture, {@code 0x00RRGGBB}. */
  public static int pixel(int x, int y) {
    boolean window = x >= 200 && x < 1600 && y >= 100 && y < 900;
    if (!window) {
      return y < 200 ? (x * 255 / WIDTH) << 8 | 0x40 : 0x2E6E73;
    }
    if (y < 130) {
      return 0x3B4252;
    }
    boolean glyph = (y - 130) % 24 < 14 && x % 11 < 7 && (x / 11 + y / 24) % 5 != 0;
    return glyph ? 0x2E3440 : 0xECEFF4;
  }

  /** The picture at {@code width} x {@code height}, its nearest pixels, row by row. */
  public static int[] rgb(int width, int height) {
    int[] rgb = new int[width * height];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        rgb[y * width + x] = pixel(x * WIDTH / width, y * HEIGHT / height);
      }
    }
    return rgb;
  }
}

package dev.ironcliw.capture.x11.layout;

/**
 * Byte offsets in Xlib's {@code XImage} on LP64 (Linux x86_64 and arm64):
 *
 * <pre>
 *   0 int width        4 int height      8 int xoffset      12 int format
 *  16 char *data      24 int byte_order 28 int bitmap_unit  32 int bitmap_bit_order
 *  36 int bitmap_pad  40 int depth      44 int bytes_per_line 48 int bits_per_pixel
 *  56 ulong red_mask  64 ulong green_mask 72 ulong blue_mask 80 XPointer obdata
 *  88 f.create_image  96 f.destroy_image 104 f.get_pixel ... 136 end
 * </pre>
 */
public final class XImageLayout {
  public static final int WIDTH = 0;
  public static final int HEIGHT = 4;
  public static final int DATA = 16;
  public static final int BYTE_ORDER = 24;
  public static final int DEPTH = 40;
  public static final int BYTES_PER_LINE = 44;
  public static final int BITS_PER_PIXEL = 48;
  public static final int RED_MASK = 56;
  public static final int GREEN_MASK = 64;
  public static final int BLUE_MASK = 72;
  public static final int DESTROY_IMAGE = 96;
  public static final int SIZE = 136;

  public static final int LSB_FIRST = 0;

  private XImageLayout() {}
}

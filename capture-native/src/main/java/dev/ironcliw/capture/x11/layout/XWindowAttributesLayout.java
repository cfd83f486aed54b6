package dev.ironcliw.capture.x11.layout;

/**
 * The fields the capture reads from {@code XWindowAttributes} on LP64:
 *
 * <pre>
 *   0 int x   4 int y   8 int width   12 int height   16 int border_width   20 int depth
 *  24 Visual *visual   32 Window root   40 int class ... 88 Bool map_installed
 *  92 int map_state ... 120 Bool override_redirect   128 Screen *screen   136 end
 * </pre>
 */
public final class XWindowAttributesLayout {
  public static final int X = 0;
  public static final int Y = 4;
  public static final int WIDTH = 8;
  public static final int HEIGHT = 12;
  public static final int BORDER_WIDTH = 16;
  public static final int MAP_STATE = 92;
  public static final int SIZE = 136;

  private XWindowAttributesLayout() {}
}

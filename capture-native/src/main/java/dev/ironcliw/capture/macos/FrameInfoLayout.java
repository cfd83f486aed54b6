package dev.ironcliw.capture.macos;

/**
 * {@code ironcliw_frame_info} of {@code src/main/native/macos/ironcliw_capture.h}, the struct the
 * ScreenCaptureKit shim fills; FrameInfoLayoutTest compiles the header and checks these offsets.
 *
 * <pre>
 *   0 int32 width   4 int32 height   8 int64 sequence   16 int64 display_time
 *  24 int32 dirty_count   28 int32 error
 *  32 ironcliw_rect dirty[32]: each int32 x, y, width, height (16 bytes)   544 end
 * </pre>
 */
final class FrameInfoLayout {
  static final int WIDTH = 0;
  static final int HEIGHT = 4;
  static final int SEQUENCE = 8;
  static final int DISPLAY_TIME = 16;
  static final int DIRTY_COUNT = 24;
  static final int ERROR = 28;
  static final int DIRTY = 32;
  static final int RECT_BYTES = 16;
  static final int MAX_DIRTY_RECTS = 32;
  static final int SIZE = DIRTY + MAX_DIRTY_RECTS * RECT_BYTES;

  static final int FRAME_NEW = 0;
  static final int FRAME_IDLE = 1;
  static final int FRAME_NONE = 2;
  static final int FRAME_TOO_LARGE = -1;
  static final int FRAME_STOPPED = -2;

  private FrameInfoLayout() {}
}

package dev.ironcliw.capture.x11;

/**
 * {@code XShmSegmentInfo} on LP64:
 *
 * <pre>
 *   0 ShmSeg shmseg (ulong)   8 int shmid   16 char *shmaddr   24 Bool readOnly   32 end
 * </pre>
 */
final class XShmSegmentInfoLayout {
  static final int SHMSEG = 0;
  static final int SHMID = 8;
  static final int SHMADDR = 16;
  static final int READ_ONLY = 24;
  static final int SIZE = 32;

  private XShmSegmentInfoLayout() {}
}

package dev.ironcliw.capture.x11.layout;

/**
 * {@code XShmSegmentInfo} on LP64:
 *
 * <pre>
 *   0 ShmSeg shmseg (ulong)   8 int shmid   16 char *shmaddr   24 Bool readOnly   32 end
 * </pre>
 */
public final class XShmSegmentInfoLayout {
  public static final int SHMSEG = 0;
  public static final int SHMID = 8;
  public static final int SHMADDR = 16;
  public static final int READ_ONLY = 24;
  public static final int SIZE = 32;

  private XShmSegmentInfoLayout() {}
}

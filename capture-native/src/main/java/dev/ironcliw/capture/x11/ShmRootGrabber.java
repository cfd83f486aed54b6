package dev.ironcliw.capture.x11;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.ironcliw.capture.x11.layout.XImageLayout;
import dev.ironcliw.capture.x11.layout.XShmSegmentInfoLayout;

/**
 * MIT-SHM grab: one shared segment the size of the root, attached once; each grab is one
 * XShmGetImage the server writes straight into it. The segment is marked for removal right after
 * attaching, so it goes away with the process whatever happens.
 *
 * <p>{@link #grabRows} reads a band of rows in place: a second image header on the same segment,
 * its data pointing at the band's first row and its height the band's, tells the server where in
 * the segment to write (XShmGetImage sends the header's data offset into the segment).
 */
final class ShmRootGrabber implements RootGrabber {
  private final X11Connection connection;
  private final Memory segmentInfo;
  private final Pointer image;
  private final Pointer rowsImage;
  private final Pointer data;

  private ShmRootGrabber(
      X11Connection connection,
      Memory segmentInfo,
      Pointer image,
      Pointer rowsImage,
      Pointer data) {
    this.connection = connection;
    this.segmentInfo = segmentInfo;
    this.image = image;
    this.rowsImage = rowsImage;
    this.data = data;
  }

  /** A grabber, or null when the server has no MIT-SHM or the segment cannot be shared. */
  static ShmRootGrabber tryCreate(X11Connection c) {
    if (XShm.INSTANCE.XShmQueryExtension(c.display()) == 0) {
      return null;
    }
    Memory info = new Memory(XShmSegmentInfoLayout.SIZE);
    info.clear();
    Pointer image = createImage(c, info);
    if (image == null) {
      return null;
    }
    long bytes =
        (long) image.getInt(XImageLayout.BYTES_PER_LINE) * image.getInt(XImageLayout.HEIGHT);
    int id = SysVShm.INSTANCE.shmget(SysVShm.IPC_PRIVATE, bytes, SysVShm.IPC_CREAT | 0600);
    if (id < 0) {
      destroy(image);
      return null;
    }
    Pointer data = SysVShm.INSTANCE.shmat(id, null, 0);
    if (data == null || Pointer.nativeValue(data) == -1) {
      SysVShm.INSTANCE.shmctl(id, SysVShm.IPC_RMID, null);
      destroy(image);
      return null;
    }
    info.setInt(XShmSegmentInfoLayout.SHMID, id);
    info.setPointer(XShmSegmentInfoLayout.SHMADDR, data);
    info.setInt(XShmSegmentInfoLayout.READ_ONLY, 0);
    image.setPointer(XImageLayout.DATA, data);
    boolean attached = XShm.INSTANCE.XShmAttach(c.display(), info) != 0;
    String error = c.syncAndTakeError();
    SysVShm.INSTANCE.shmctl(id, SysVShm.IPC_RMID, null);
    if (!attached || error != null) {
      // A remote display cannot see our segment: fall back to XGetImage.
      SysVShm.INSTANCE.shmdt(data);
      image.setPointer(XImageLayout.DATA, null);
      destroy(image);
      return null;
    }
    Pointer rowsImage = createImage(c, info);
    ShmRootGrabber grabber = new ShmRootGrabber(c, info, image, rowsImage, data);
    try {
      RootGrabber.requireBgrx(image);
    } catch (X11Exception e) {
      grabber.close();
      throw e;
    }
    return grabber;
  }

  /** A root-sized ZPixmap image header on the segment {@code info} describes. */
  private static Pointer createImage(X11Connection c, Memory info) {
    return XShm.INSTANCE.XShmCreateImage(
        c.display(),
        Xlib.INSTANCE.XDefaultVisual(c.display(), c.screen()),
        Xlib.INSTANCE.XDefaultDepth(c.display(), c.screen()),
        Xlib.Z_PIXMAP,
        null,
        info,
        c.width(),
        c.height());
  }

  @Override
  public Pointer grab() {
    if (XShm.INSTANCE.XShmGetImage(
            connection.display(), connection.root(), image, 0, 0, Xlib.ALL_PLANES)
        == 0) {
      throw new X11Exception("XShmGetImage failed: " + connection.syncAndTakeError());
    }
    return data;
  }

  @Override
  public boolean grabRows(int firstRow, int rows) {
    if (rowsImage == null) {
      return false;
    }
    rowsImage.setPointer(XImageLayout.DATA, data.share((long) firstRow * bytesPerLine()));
    rowsImage.setInt(XImageLayout.HEIGHT, rows);
    if (XShm.INSTANCE.XShmGetImage(
            connection.display(), connection.root(), rowsImage, 0, firstRow, Xlib.ALL_PLANES)
        == 0) {
      throw new X11Exception("XShmGetImage of rows failed: " + connection.syncAndTakeError());
    }
    return true;
  }

  @Override
  public int bytesPerLine() {
    return image.getInt(XImageLayout.BYTES_PER_LINE);
  }

  @Override
  public String method() {
    return "shm";
  }

  @Override
  public void close() {
    XShm.INSTANCE.XShmDetach(connection.display(), segmentInfo);
    connection.syncAndTakeError();
    SysVShm.INSTANCE.shmdt(data);
    image.setPointer(XImageLayout.DATA, null);
    destroy(image);
    if (rowsImage != null) {
      rowsImage.setPointer(XImageLayout.DATA, null);
      destroy(rowsImage);
    }
  }

  /** XDestroyImage is a macro: call the image's own destroy function. */
  static void destroy(Pointer image) {
    com.sun.jna.Function.getFunction(image.getPointer(XImageLayout.DESTROY_IMAGE))
        .invokeInt(new Object[] {image});
  }
}

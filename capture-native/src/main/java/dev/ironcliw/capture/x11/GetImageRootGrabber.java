package dev.ironcliw.capture.x11;

import com.sun.jna.Pointer;
import dev.ironcliw.capture.x11.layout.XImageLayout;

/**
 * The fallback where MIT-SHM is missing (a remote display): XGetImage sends the pixels over the
 * connection into a new image each time; the previous one is destroyed at the next grab.
 */
final class GetImageRootGrabber implements RootGrabber {
  private final X11Connection connection;
  private Pointer image;

  GetImageRootGrabber(X11Connection connection) {
    this.connection = connection;
  }

  @Override
  public Pointer grab() {
    release();
    image =
        Xlib.INSTANCE.XGetImage(
            connection.display(),
            connection.root(),
            0,
            0,
            connection.width(),
            connection.height(),
            Xlib.ALL_PLANES,
            Xlib.Z_PIXMAP);
    if (image == null) {
      throw new X11Exception("XGetImage failed: " + connection.syncAndTakeError());
    }
    RootGrabber.requireBgrx(image);
    return image.getPointer(XImageLayout.DATA);
  }

  @Override
  public int bytesPerLine() {
    return image.getInt(XImageLayout.BYTES_PER_LINE);
  }

  @Override
  public String method() {
    return "getimage";
  }

  private void release() {
    if (image != null) {
      ShmRootGrabber.destroy(image);
      image = null;
    }
  }

  @Override
  public void close() {
    release();
  }
}

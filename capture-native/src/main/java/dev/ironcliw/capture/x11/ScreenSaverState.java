package dev.ironcliw.capture.x11;

import com.sun.jna.Memory;
import com.sun.jna.ptr.IntByReference;
import dev.ironcliw.capture.x11.layout.XScreenSaverInfoLayout;

/**
 * Whether the screen saver is on (MIT-SCREEN-SAVER), which X screen lockers turn on while the
 * session is locked. Without the extension the screen counts as never saved.
 */
final class ScreenSaverState {
  private final X11Connection connection;
  private final boolean available;
  private final Memory info = new Memory(XScreenSaverInfoLayout.SIZE);

  ScreenSaverState(X11Connection connection) {
    this.connection = connection;
    boolean found;
    try {
      found =
          XScreenSaver.INSTANCE.XScreenSaverQueryExtension(
                  connection.display(), new IntByReference(), new IntByReference())
              != 0;
    } catch (UnsatisfiedLinkError e) {
      found = false;
    }
    this.available = found;
  }

  boolean isOn() {
    if (!available) {
      return false;
    }
    info.clear();
    XScreenSaver.INSTANCE.XScreenSaverQueryInfo(connection.display(), connection.root(), info);
    return info.getInt(XScreenSaverInfoLayout.STATE) == XScreenSaver.STATE_ON;
  }
}

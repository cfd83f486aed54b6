package dev.ironcliw.capture.x11;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import dev.ironcliw.capture.x11.layout.XScreenSaverInfoLayout;
import dev.ironcliw.capture.x11.layout.XScreenSaverNotifyLayout;

/**
 * Whether the screen saver is on (MIT-SCREEN-SAVER), which X screen lockers turn on while the
 * session is locked. Without the extension the screen counts as never saved.
 *
 * <p>The state is asked of the server once, then followed by its ScreenSaverNotify events, which
 * {@link WindowEvents} hands to {@link #notified}: a tick costs no round trip to the server for it
 * (an idle daemon asked ten times a second).
 */
final class ScreenSaverState {
  private final boolean available;
  private final int notifyType;
  private boolean on;

  ScreenSaverState(X11Connection connection) {
    IntByReference eventBase = new IntByReference();
    boolean found;
    try {
      found =
          XScreenSaver.INSTANCE.XScreenSaverQueryExtension(
                  connection.display(), eventBase, new IntByReference())
              != 0;
    } catch (UnsatisfiedLinkError e) {
      found = false;
    }
    this.available = found;
    this.notifyType = found ? eventBase.getValue() + XScreenSaver.NOTIFY : -1;
    if (found) {
      // Selected before the state is asked: a change in between comes as an event after it.
      XScreenSaver.INSTANCE.XScreenSaverSelectInput(
          connection.display(), connection.root(), XScreenSaver.NOTIFY_MASK);
      Memory info = new Memory(XScreenSaverInfoLayout.SIZE);
      info.clear();
      XScreenSaver.INSTANCE.XScreenSaverQueryInfo(connection.display(), connection.root(), info);
      on = info.getInt(XScreenSaverInfoLayout.STATE) == XScreenSaver.STATE_ON;
    }
  }

  /** Whether {@code eventType} is this extension's ScreenSaverNotify. */
  boolean isNotify(int eventType) {
    return available && eventType == notifyType;
  }

  /** Takes the state a ScreenSaverNotify event carries. */
  void notified(Pointer event) {
    int state = event.getInt(XScreenSaverNotifyLayout.STATE);
    on = state == XScreenSaver.STATE_ON || state == XScreenSaver.STATE_CYCLE;
  }

  /** As of the events read so far. */
  boolean isOn() {
    return on;
  }
}

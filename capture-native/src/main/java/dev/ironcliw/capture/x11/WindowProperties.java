package dev.ironcliw.capture.x11;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the capture reads of a window: its class (WM_CLASS), its title (_NET_WM_NAME, else WM_NAME)
 * and its children. Each read is a round trip to the X server. Used by the thread that owns its
 * connection.
 */
final class WindowProperties {
  /**
   * The most of a title read, in 32-bit units as XGetWindowProperty counts (1 MiB): a title is read
   * whole up to that, so a pattern that matches late in a long title still masks it.
   */
  private static final long MAX_PROPERTY_UNITS = (1 << 20) / 4;

  /** The predefined atom of type WINDOW ({@code Xatom.h}). */
  private static final long XA_WINDOW = 33;

  private final X11Connection connection;
  private final long wmClass;
  private final long netWmName;
  private final long wmName;
  private final long utf8String;

  WindowProperties(X11Connection connection) {
    this.connection = connection;
    Pointer d = connection.display();
    this.wmClass = Xlib.INSTANCE.XInternAtom(d, "WM_CLASS", 0);
    this.netWmName = Xlib.INSTANCE.XInternAtom(d, "_NET_WM_NAME", 0);
    this.wmName = Xlib.INSTANCE.XInternAtom(d, "WM_NAME", 0);
    this.utf8String = Xlib.INSTANCE.XInternAtom(d, "UTF8_STRING", 0);
  }

  /** The window's WM_CLASS: instance and class names, NUL-separated; null when it has none. */
  byte[] wmClass(long window) {
    return property(window, wmClass, 0);
  }

  /** The window's title, null when it has none. */
  String title(long window) {
    String title = text(property(window, netWmName, utf8String));
    return title != null ? title : text(property(window, wmName, 0));
  }

  /** A window a property of type WINDOW names (such as the root's _NET_ACTIVE_WINDOW), or 0. */
  long windowNamedBy(long window, long property) {
    // Xlib hands 32-bit items back as C longs.
    Long named = fetch(window, property, 1, XA_WINDOW, 32, (data, items) -> data.getLong(0));
    return named == null ? 0 : named;
  }

  /** The window itself when it has a class or title, else the first descendant that does. */
  long clientOf(long window, int depth) {
    if (wmClass(window) != null || title(window) != null) {
      return window;
    }
    if (depth > 0) {
      for (long child : children(window)) {
        long client = clientOf(child, depth - 1);
        if (client != 0) {
          return client;
        }
      }
    }
    return 0;
  }

  /** The class (second string) of WM_CLASS, else its instance; empty without one. */
  static String appOf(byte[] wmClass) {
    if (wmClass == null) {
      return "";
    }
    String[] parts = new String(wmClass, StandardCharsets.UTF_8).split("\0");
    return parts.length > 1 && !parts[1].isEmpty() ? parts[1] : parts.length > 0 ? parts[0] : "";
  }

  /** Whether a change of {@code atom} is a change of what this reads (class or title). */
  boolean isClassOrTitle(long atom) {
    return atom == wmClass || atom == netWmName || atom == wmName;
  }

  private static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  /** Children bottom to top in stacking order. */
  List<Long> children(long window) {
    long[] root = new long[1];
    long[] parent = new long[1];
    PointerByReference children = new PointerByReference();
    IntByReference count = new IntByReference();
    List<Long> result = new ArrayList<>();
    if (Xlib.INSTANCE.XQueryTree(connection.display(), window, root, parent, children, count) != 0
        && children.getValue() != null) {
      long[] ids = children.getValue().getLongArray(0, count.getValue());
      for (long id : ids) {
        result.add(id);
      }
      Xlib.INSTANCE.XFree(children.getValue());
    }
    return result;
  }

  /** The bytes of a window property of 8-bit items, or null when it is not set. */
  private byte[] property(long window, long property, long type) {
    return fetch(
        window,
        property,
        MAX_PROPERTY_UNITS,
        type,
        8,
        (data, items) -> data.getByteArray(0, items));
  }

  /** How a property's items are read from Xlib's buffer before it is freed. */
  @FunctionalInterface
  private interface Items<T> {
    T read(Pointer data, int items);
  }

  /**
   * Up to {@code units} 32-bit units of a property of {@code type} (0: any) and items of {@code
   * format} bits, read by {@code items}; null when it is not set, empty or of another format.
   */
  private <T> T fetch(
      long window, long property, long units, long type, int wantedFormat, Items<T> items) {
    long[] actualType = new long[1];
    IntByReference format = new IntByReference();
    long[] count = new long[1];
    long[] after = new long[1];
    PointerByReference data = new PointerByReference();
    int status =
        Xlib.INSTANCE.XGetWindowProperty(
            connection.display(),
            window,
            property,
            0,
            units,
            0,
            type,
            actualType,
            format,
            count,
            after,
            data);
    if (status != 0 || data.getValue() == null) {
      return null;
    }
    try {
      return format.getValue() == wantedFormat && count[0] > 0
          ? items.read(data.getValue(), (int) count[0])
          : null;
    } finally {
      Xlib.INSTANCE.XFree(data.getValue());
    }
  }
}

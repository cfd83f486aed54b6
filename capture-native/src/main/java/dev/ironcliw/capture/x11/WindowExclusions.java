package dev.ironcliw.capture.x11;

import com.sun.jna.Memory;
import dev.ironcliw.capture.TitlePatterns;
import dev.ironcliw.capture.x11.layout.XWindowAttributesLayout;
import dev.ironcliw.ring.Rect;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Finds the windows the privacy rules exclude and the rectangles of them that are visible: the
 * top-level windows in stacking order (XQueryTree of the root, bottom to top), each matched by the
 * WM_CLASS and title (_NET_WM_NAME, else WM_NAME) of its client window, minus whatever viewable
 * window lies above it. Call with the server grabbed, so nothing moves between this and the grab.
 * Used by the thread that owns its connection.
 */
final class WindowExclusions {
  /** How deep under a top-level window its client window is looked for (under WM frames). */
  static final int CLIENT_SEARCH_DEPTH = 3;

  private final X11Connection connection;
  private final List<String> apps;
  private final List<Pattern> titles;
  private final Memory attributes = new Memory(XWindowAttributesLayout.SIZE);
  private final WindowProperties properties;

  WindowExclusions(X11Connection connection, List<String> apps, List<String> titlePatterns) {
    this.connection = connection;
    this.apps = apps.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
    this.titles = TitlePatterns.compile(titlePatterns);
    this.properties = new WindowProperties(connection);
  }

  /** How this reads windows' classes, titles and children. */
  WindowProperties properties() {
    return properties;
  }

  boolean isEmpty() {
    return apps.isEmpty() && titles.isEmpty();
  }

  /** The visible rectangles of excluded windows, in root coordinates. */
  List<Rect> visibleExcludedAreas() {
    List<Long> stack = properties.children(connection.root());
    List<Rect> areas = new ArrayList<>(stack.size());
    List<Boolean> excluded = new ArrayList<>(stack.size());
    for (long window : stack) {
      Rect area = viewableArea(window);
      areas.add(area);
      excluded.add(area != null && isExcluded(window));
    }
    List<Rect> hidden = new ArrayList<>();
    for (int i = 0; i < stack.size(); i++) {
      if (!excluded.get(i)) {
        continue;
      }
      List<Rect> above = new ArrayList<>();
      for (int j = i + 1; j < stack.size(); j++) {
        if (areas.get(j) != null) {
          above.add(areas.get(j));
        }
      }
      hidden.addAll(VisibleArea.subtract(areas.get(i), above));
    }
    return hidden;
  }

  /** The window's outer rectangle (border included) when it is viewable, else null. */
  Rect viewableArea(long window) {
    attributes.clear();
    if (!connection.windowAttributes(window, attributes)
        || attributes.getInt(XWindowAttributesLayout.MAP_STATE) != Xlib.IS_VIEWABLE) {
      return null;
    }
    int border = attributes.getInt(XWindowAttributesLayout.BORDER_WIDTH);
    return new Rect(
        attributes.getInt(XWindowAttributesLayout.X),
        attributes.getInt(XWindowAttributesLayout.Y),
        attributes.getInt(XWindowAttributesLayout.WIDTH) + 2 * border,
        attributes.getInt(XWindowAttributesLayout.HEIGHT) + 2 * border);
  }

  /** Whether the rules exclude {@code window} by its own class or title. */
  boolean isExcludedWindow(long window) {
    return matches(window, 0);
  }

  /** Matches the top-level window or, under a window manager's frame, its client window. */
  boolean isExcluded(long topLevel) {
    return matches(topLevel, CLIENT_SEARCH_DEPTH);
  }

  private boolean matches(long window, int depth) {
    byte[] classBytes = properties.wmClass(window);
    String title = properties.title(window);
    if (classBytes != null || title != null) {
      return matchesRules(classBytes, title);
    }
    if (depth == 0) {
      return false;
    }
    for (long child : properties.children(window)) {
      if (matches(child, depth - 1)) {
        return true;
      }
    }
    return false;
  }

  private boolean matchesRules(byte[] classBytes, String title) {
    if (classBytes != null) {
      for (String part : new String(classBytes, StandardCharsets.UTF_8).split("\0")) {
        if (apps.contains(part.toLowerCase(Locale.ROOT))) {
          return true;
        }
      }
    }
    if (title != null) {
      for (Pattern pattern : titles) {
        if (pattern.matcher(title).find()) {
          return true;
        }
      }
    }
    return false;
  }
}

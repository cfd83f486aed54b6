package dev.ironcliw.capture.x11;

import com.sun.jna.Pointer;
import dev.ironcliw.capture.CaptureResolution;
import dev.ironcliw.capture.CaptureSource;
import dev.ironcliw.capture.DamageFollowingWrites;
import dev.ironcliw.capture.FocusedWindow;
import dev.ironcliw.capture.Grab;
import dev.ironcliw.capture.HalfScale;
import dev.ironcliw.capture.SourceLostException;
import dev.ironcliw.ring.FrameRingWriter;
import dev.ironcliw.ring.Rect;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The X11 screen: per tick, one look at the screen saver, one XDamage fetch, and at most one grab
 * of the root (MIT-SHM, or XGetImage where it is missing); each selected RandR monitor is a display
 * cropped from that grab. A display with no damage since its last frame is {@link Grab#UNCHANGED}
 * without reading a pixel. The cursor is not part of X11 grabs.
 *
 * <p>With MIT-SHM and damage, the shared image is kept as a copy of the screen: a tick with a
 * little damage reads only the damaged rows into it, and ring writes copy and hash again only what
 * changed ({@link DamageFollowingWrites}). This trusts damage as {@link Grab#UNCHANGED} already
 * does. The first frame of a display, the one after a pause or a dropped frame, and every frame
 * while an excluded window shows are read whole.
 *
 * <p>With exclusion rules, the windows are walked under a server grab only when they may have
 * changed: while the last walk found no excluded window showing and no window event came since,
 * ticks take the fast way, with no server grab, and after reading the pixels the events are read
 * again: one that came before the read (the server sends it before the read's reply) means a window
 * may have shown up in it, so the tick reads again the safe way, walking and blanking.
 *
 * <p>On a desktop drawn at 2x ({@link DesktopScale}) with {@link CaptureResolution#POINTS}, frames
 * are half the monitors' pixel width and height: a half-size copy of the screen image is kept
 * beside it ({@link HalfScale}), made again only where rows were read, and frames, damage and ring
 * writes are all in its pixels.
 *
 * <p>Used by the capture thread only; Xlib calls all happen on it.
 */
public final class X11Source implements CaptureSource {
  /** Damaged bands read in one tick at most; more, and the whole root is read. */
  private static final int MAX_BANDS = 8;

  /** Undamaged rows between two bands that are read anyway, to save a round trip. */
  private static final int MERGE_GAP_ROWS = 32;

  private final X11Connection connection;
  private final RootGrabber grabber;
  private final DamageTracker damageTracker;
  private final ScreenSaverState screenSaver;
  private final WindowExclusions exclusions;
  private final WindowEvents events;
  private final FocusTracker focus;
  private List<Rect> tickHidden = List.of();

  /**
   * What the last walk of the windows found the rules hide, in root coordinates; null when a window
   * event came since (walk again).
   */
  private List<Rect> knownHidden;

  private final List<MonitorLayout.Monitor> monitors;

  /** The monitors' names, asked at every grab: made once. */
  private final List<String> displayNames;

  /** Each monitor's area in the frame image: its root area, or that halved. */
  private final List<Rect> frameAreas;

  private final CaptureResolution resolution;
  private final DesktopScale scale;

  /** The half-size screen image frames are cut from when the desktop is halved, else null. */
  private final Arena halfArena;

  private final MemorySegment halfImage;
  private final boolean[] needsFullFrame;
  private long tickElapsedNanos = Long.MIN_VALUE;
  private boolean paused;
  private List<Rect> tickDamage = List.of();

  private Pointer rootPixels;
  private int current;
  private List<Rect> currentDamage = List.of();

  /** The kept root image's rows and what each ring write must copy and hash of them. */
  private final DamageFollowingWrites writes;

  /** The tick's damaged root rows, and the bands they are read in (first row, rows); reused. */
  private final boolean[] damagedRootRows;

  private final int[] bands = new int[2 * MAX_BANDS];
  private long damagedRowGrabs;

  private X11Source(
      X11Connection connection,
      RootGrabber grabber,
      DamageTracker damageTracker,
      List<MonitorLayout.Monitor> monitors,
      WindowExclusions exclusions,
      CaptureResolution resolution,
      DesktopScale scale) {
    this.connection = connection;
    this.resolution = resolution;
    this.scale = scale;
    this.exclusions = exclusions;
    this.focus = new FocusTracker(connection, exclusions, monitors);
    this.grabber = grabber;
    this.damageTracker = damageTracker;
    this.screenSaver = new ScreenSaverState(connection);
    this.events = new WindowEvents(connection, exclusions, focus, damageTracker, screenSaver);
    this.monitors = List.copyOf(monitors);
    this.displayNames = this.monitors.stream().map(MonitorLayout.Monitor::name).toList();
    this.frameAreas = monitors.stream().map(m -> toFrame(m.area())).toList();
    if (halved()) {
      this.halfArena = Arena.ofShared();
      this.halfImage = halfArena.allocate(halfBytesPerLine() * (connection.height() / 2), 64);
    } else {
      this.halfArena = null;
      this.halfImage = null;
    }
    this.needsFullFrame = new boolean[monitors.size()];
    Arrays.fill(needsFullFrame, true);
    this.writes =
        new DamageFollowingWrites(connection.height() / scale.pixelsPerPoint(), frameAreas);
    this.damagedRootRows = new boolean[connection.height()];
  }

  /**
   * Connects to {@code displayName} (null: $DISPLAY) and selects monitors; every pixel is captured.
   *
   * @param displaySelection {@code [all]}, {@code [primary]} or monitor names
   * @param useDamage false to grab every tick (for tests that check the hint against full grabs)
   * @param excludeApps WM_CLASS names whose windows are blanked before a frame leaves this source
   * @param excludeTitles regular expressions; windows with a matching title are blanked too
   * @throws X11Exception with one line saying what is wrong
   */
  public static X11Source open(
      String displayName,
      List<String> displaySelection,
      boolean useDamage,
      List<String> excludeApps,
      List<String> excludeTitles) {
    return open(
        displayName,
        displaySelection,
        useDamage,
        excludeApps,
        excludeTitles,
        CaptureResolution.PIXELS);
  }

  /**
   * Connects to {@code displayName} (null: $DISPLAY) and selects monitors.
   *
   * @param resolution {@link CaptureResolution#POINTS} to capture a desktop drawn at 2x at half
   *     size
   * @throws X11Exception with one line saying what is wrong
   */
  public static X11Source open(
      String displayName,
      List<String> displaySelection,
      boolean useDamage,
      List<String> excludeApps,
      List<String> excludeTitles,
      CaptureResolution resolution) {
    X11Connection connection = X11Connection.open(displayName);
    try {
      List<MonitorLayout.Monitor> monitors =
          MonitorLayout.select(MonitorLayout.query(connection), displaySelection);
      RootGrabber grabber = ShmRootGrabber.tryCreate(connection);
      if (grabber == null) {
        grabber = new GetImageRootGrabber(connection);
      }
      DamageTracker damage = useDamage ? DamageTracker.tryCreate(connection) : null;
      return new X11Source(
          connection,
          grabber,
          damage,
          monitors,
          new WindowExclusions(connection, excludeApps, excludeTitles),
          resolution,
          resolution == CaptureResolution.POINTS
              ? DesktopScale.of(connection)
              : DesktopScale.UNSCALED);
    } catch (RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  @Override
  public String name() {
    return "x11:" + connection.name();
  }

  @Override
  public List<String> displays() {
    return displayNames;
  }

  @Override
  public int maxWidth() {
    return frameAreas.stream().mapToInt(Rect::width).max().orElseThrow();
  }

  @Override
  public int maxHeight() {
    return frameAreas.stream().mapToInt(Rect::height).max().orElseThrow();
  }

  @Override
  public String resolution() {
    return resolution == CaptureResolution.PIXELS ? "pixels" : "points (" + scale.reason() + ")";
  }

  private boolean halved() {
    return scale.pixelsPerPoint() == 2;
  }

  private long halfBytesPerLine() {
    return (connection.width() / 2) * 4L;
  }

  private Rect toFrame(Rect root) {
    return scale.toFrame(root, connection.width(), connection.height());
  }

  @Override
  public boolean isLive() {
    return true;
  }

  /**
   * {@inheritDoc}
   *
   * @throws SourceLostException when the X server went away; this source is then of no more use
   */
  @Override
  public Grab grab(int display, long elapsedNanos) {
    if (elapsedNanos != tickElapsedNanos) {
      try {
        startTick(elapsedNanos);
      } catch (RuntimeException e) {
        throw connection.lost() ? lost(e) : e;
      }
      if (connection.lost()) {
        throw lost(null);
      }
    }
    if (paused) {
      return Grab.PAUSED;
    }
    Rect area = frameAreas.get(display);
    List<Rect> damage = new ArrayList<>();
    for (Rect r : visibleDamage(tickDamage, tickHidden)) {
      Rect overlap = toFrame(r).intersect(area);
      if (overlap != null) {
        damage.add(overlap.relativeTo(area.x(), area.y()));
      }
    }
    boolean full = needsFullFrame[display] || damageTracker == null;
    if (!full && damage.isEmpty()) {
      return Grab.UNCHANGED;
    }
    needsFullFrame[display] = false;
    current = display;
    currentDamage = full ? List.of() : damage;
    return Grab.FRAME;
  }

  /**
   * The damage outside the masked areas: a masked window's redraws leave no trace, not even as a
   * damaged rectangle on an unchanged frame (that would give away when someone typed in it).
   */
  static List<Rect> visibleDamage(List<Rect> damage, List<Rect> hidden) {
    if (hidden.isEmpty()) {
      return damage;
    }
    List<Rect> visible = new ArrayList<>(damage);
    for (Rect mask : hidden) {
      List<Rect> next = new ArrayList<>(visible.size());
      for (Rect r : visible) {
        next.addAll(minus(r, mask));
      }
      visible = next;
    }
    return visible;
  }

  /** {@code r} less {@code mask}: up to four rectangles (above, below, left, right of it). */
  private static List<Rect> minus(Rect r, Rect mask) {
    Rect cut = r.intersect(mask);
    if (cut == null) {
      return List.of(r);
    }
    List<Rect> parts = new ArrayList<>(4);
    int right = r.x() + r.width();
    int bottom = r.y() + r.height();
    int cutRight = cut.x() + cut.width();
    int cutBottom = cut.y() + cut.height();
    if (cut.y() > r.y()) {
      parts.add(new Rect(r.x(), r.y(), r.width(), cut.y() - r.y()));
    }
    if (cutBottom < bottom) {
      parts.add(new Rect(r.x(), cutBottom, r.width(), bottom - cutBottom));
    }
    if (cut.x() > r.x()) {
      parts.add(new Rect(r.x(), cut.y(), cut.x() - r.x(), cut.height()));
    }
    if (cutRight < right) {
      parts.add(new Rect(cutRight, cut.y(), right - cutRight, cut.height()));
    }
    return parts;
  }

  private SourceLostException lost(Throwable cause) {
    return new SourceLostException("lost the connection to X display " + connection.name(), cause);
  }

  /**
   * Once per tick: window events, screen saver, damage, and the root grab if any display needs it.
   */
  private void startTick(long elapsedNanos) {
    tickElapsedNanos = elapsedNanos;
    drainEvents();
    paused = screenSaver.isOn();
    if (paused) {
      Arrays.fill(needsFullFrame, true);
      return;
    }
    tickDamage = damageTracker == null ? List.of() : damageTracker.take();
    boolean anyFull = damageTracker == null;
    for (boolean full : needsFullFrame) {
      anyFull |= full;
    }
    if (anyFull) {
      grabRoot();
    } else if (!tickDamage.isEmpty() && !(nothingHidden() && grabDamagedRows())) {
      grabRoot();
    }
  }

  /** Reads the pending events; forgets the last walk of the windows when one may have moved. */
  private void drainEvents() {
    if (events.drain()) {
      // An excluded window's title changed: every display again, masked by fresh exclusions.
      Arrays.fill(needsFullFrame, true);
    }
    if (events.takeWindowsChanged()) {
      knownHidden = null;
    }
  }

  /** No rules, or the last walk found nothing they hide and no window changed since. */
  private boolean nothingHidden() {
    return exclusions.isEmpty() || (knownHidden != null && knownHidden.isEmpty());
  }

  /**
   * After a read the fast way: whether a window event came before it (and so before the pixels), in
   * which case the read must not be used.
   */
  private boolean windowsChangedDuringRead() {
    if (exclusions.isEmpty()) {
      return false;
    }
    drainEvents();
    return knownHidden == null;
  }

  /**
   * Reads only the rows the tick's damage touches into the last grab, in a few bands.
   *
   * @return false when a whole grab is the better (or the only) way
   */
  private boolean grabDamagedRows() {
    int height = connection.height();
    boolean[] damaged = damagedRootRows;
    Arrays.fill(damaged, false);
    int damagedRows = 0;
    for (Rect r : tickDamage) {
      for (int row = Math.max(0, r.y()); row < Math.min(height, r.y() + r.height()); row++) {
        if (!damaged[row]) {
          damaged[row] = true;
          damagedRows++;
        }
      }
    }
    if (damagedRows == 0) {
      return true;
    }
    if (damagedRows > height / 2) {
      return false;
    }
    // Bands of damaged rows, where gaps shorter than MERGE_GAP_ROWS are read too: one round trip
    // costs more than a few rows.
    int[] bands = this.bands;
    int count = 0;
    for (int row = next(damaged, 0, true); row < height; ) {
      int end = next(damaged, row, false);
      int following = next(damaged, end, true);
      while (following < height && following - end < MERGE_GAP_ROWS) {
        end = next(damaged, following, false);
        following = next(damaged, end, true);
      }
      if (count == MAX_BANDS) {
        return false;
      }
      bands[2 * count] = row;
      bands[2 * count + 1] = end - row;
      count++;
      row = following;
    }
    writes.nextVersion();
    for (int i = 0; i < count; i++) {
      int first = bands[2 * i];
      int rows = bands[2 * i + 1];
      if (!grabber.grabRows(first, rows)) {
        return false; // the whole grab that follows gives every row the next version
      }
      if (halved()) {
        // The half rows the band reaches into; a row pair's other row is still in the image.
        int halfFirst = first / 2;
        int halfEnd = Math.min((first + rows + 1) / 2, height / 2);
        halve(halfFirst, halfEnd - halfFirst);
        writes.changed(halfFirst, halfEnd - halfFirst);
      } else {
        writes.changed(first, rows);
      }
    }
    if (windowsChangedDuringRead()) {
      return false; // the whole grab that follows walks the windows and reads every row
    }
    tickHidden = List.of();
    damagedRowGrabs++;
    return true;
  }

  /** Ticks that read only damaged rows, not the whole root. */
  long damagedRowGrabs() {
    return damagedRowGrabs;
  }

  /** The first row from {@code from} on whose damage is {@code wanted}, or the array's length. */
  private static int next(boolean[] damaged, int from, boolean wanted) {
    int row = from;
    while (row < damaged.length && damaged[row] != wanted) {
      row++;
    }
    return row;
  }

  /**
   * Grabs the root; with exclusion rules and any excluded window possibly showing, under a server
   * grab so no window moves between finding the excluded windows and reading the pixels, which are
   * blanked here, before any copy.
   */
  private void grabRoot() {
    writes.changedAll();
    if (nothingHidden()) {
      rootPixels = grabber.grab();
      if (!windowsChangedDuringRead()) {
        tickHidden = List.of();
        halve(0, connection.height() / 2);
        return;
      }
    }
    Xlib.INSTANCE.XGrabServer(connection.display());
    try {
      tickHidden = exclusions.visibleExcludedAreas();
      knownHidden = tickHidden;
      rootPixels = grabber.grab();
    } finally {
      Xlib.INSTANCE.XUngrabServer(connection.display());
      Xlib.INSTANCE.XFlush(connection.display());
    }
    MemorySegment root = rootSegment();
    Rect screen = new Rect(0, 0, connection.width(), connection.height());
    for (Rect hidden : tickHidden) {
      Rect r = hidden.intersect(screen);
      if (r == null) {
        continue;
      }
      for (int row = r.y(); row < r.y() + r.height(); row++) {
        root.asSlice((long) row * grabber.bytesPerLine() + r.x() * 4L, r.width() * 4L)
            .fill((byte) 0);
      }
    }
    halve(0, connection.height() / 2); // after the blanking: no excluded pixel reaches a frame
  }

  /** Makes rows [{@code firstRow}, + {@code rows}) of the half-size image again, when halved. */
  private void halve(int firstRow, int rows) {
    if (!halved()) {
      return;
    }
    long bytesPerLine = grabber.bytesPerLine();
    HalfScale.copy(
        rootSegment(),
        2L * firstRow * bytesPerLine,
        bytesPerLine,
        halfImage,
        firstRow * halfBytesPerLine(),
        halfBytesPerLine(),
        connection.width() / 2,
        rows);
  }

  /** What frames are cut from: the root image, or its half-size copy. */
  private MemorySegment frameImage() {
    return halved() ? halfImage : rootSegment();
  }

  private long frameImageBytesPerLine() {
    return halved() ? halfBytesPerLine() : grabber.bytesPerLine();
  }

  @SuppressWarnings("restricted")
  private MemorySegment rootSegment() {
    return MemorySegment.ofAddress(Pointer.nativeValue(rootPixels))
        .reinterpret((long) grabber.bytesPerLine() * connection.height());
  }

  @Override
  public int frameWidth() {
    return frameAreas.get(current).width();
  }

  @Override
  public int frameHeight() {
    return frameAreas.get(current).height();
  }

  @Override
  public String frameLabel() {
    return monitors.get(current).name();
  }

  @Override
  public List<Rect> damage() {
    return currentDamage;
  }

  @Override
  public int maskedRegions() {
    Rect area = monitors.get(current).area();
    return (int) tickHidden.stream().filter(r -> r.intersect(area) != null).count();
  }

  @Override
  public void frameDropped(int display) {
    needsFullFrame[display] = true;
  }

  /** Read from the server only after an event said the focus or its title changed. */
  @Override
  public FocusedWindow focusedWindow() {
    return focus.current();
  }

  @Override
  public String pauseReason() {
    return paused ? "screen saver active (or the session is locked)" : "";
  }

  @Override
  public String grabMethod() {
    return grabber.method() + (damageTracker != null ? "+damage" : "");
  }

  /** Copies the current display's rectangle of the last root grab (or its half), row by row. */
  @Override
  public void copyFrameTo(MemorySegment pixels, int strideBytes) {
    Rect area = frameAreas.get(current);
    long bytesPerLine = frameImageBytesPerLine();
    MemorySegment image = frameImage();
    long rowBytes = (long) area.width() * 4;
    for (int row = 0; row < area.height(); row++) {
      long from = (long) (area.y() + row) * bytesPerLine + (long) area.x() * 4;
      MemorySegment.copy(image, from, pixels, (long) row * strideBytes, rowBytes);
    }
  }

  /**
   * The rows are already in the shared-memory image: copied and hashed in one pass, skipping the
   * rows the claimed slot already holds and hashing again only chunks with rows newer than the
   * display's last write.
   */
  @Override
  public void writeFrameTo(FrameRingWriter writer) {
    Rect area = frameAreas.get(current);
    long bytesPerLine = frameImageBytesPerLine();
    writes.write(
        writer, current, frameImage(), area.y() * bytesPerLine + (long) area.x() * 4, bytesPerLine);
  }

  @Override
  public void close() {
    if (damageTracker != null) {
      damageTracker.close();
    }
    grabber.close();
    connection.close();
    if (halfArena != null) {
      halfArena.close();
    }
  }
}

package dev.ironcliw.dedup;

import dev.ironcliw.ring.FrameView;
import dev.ironcliw.ring.Rect;
import dev.ironcliw.ring.TileDiff;
import dev.ironcliw.ring.TileGroups;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides each frame's {@link Verdict}.
 *
 * <ul>
 *   <li>DUPLICATE: the capture found the frame identical to the previous one, or it is identical to
 *       the previous kept frame once the colour bits too small to see are masked off.
 *   <li>MINOR: no tile over the diff threshold, or every changed tile is explained by the learned
 *       volatility of its tile or of a neighbouring changed tile ({@link VolatileTiles}): the frame
 *       is judged by its non-volatile part, which did not change.
 *   <li>REVISIT: the whole screen, volatile tiles left out, equals a screen shown within the
 *       revisit window: a window switched back to, a popup closed over a screen nothing else
 *       changed on.
 *   <li>CHANGE: anything else. A popup closing over text typed since it opened is a CHANGE, though
 *       every tile it uncovers was seen at its place before: the screen as a whole is new.
 * </ul>
 *
 * <p>The tile memory (each tile's content at its place) is what explains blinks: a volatile tile
 * returning to content seen there is noise. "Seen" is asked of the generational bloom history
 * first, and a hit is confirmed against the exact keys kept for the window, so a false positive
 * never stops a change. Used by the pipeline thread only; the status getters are safe from any
 * thread.
 */
public final class VerdictPolicy {
  private static final long SNAPSHOT_INTERVAL_NANOS = 1_000_000_000L;

  /** Frames per second the exact list of whole-frame keys is sized for. */
  private static final int MAX_FRAMES_PER_SECOND = 30;

  /**
   * The most tiles new content on a steady beat may cover in one frame and still be a clock: a
   * clock's seconds digit takes one to four tiles of 32 pixels, a large one a few more.
   */
  private static final int MAX_BEAT_TILES = 8;

  /** The most changed tiles, and tile rows, a clock's digits take in one frame. */
  private static final int MAX_CLOCK_TILES = 4;

  private static final int MAX_CLOCK_ROWS = 2;

  /** Tiles either side of a clock's ticking tile taken for its other digits. */
  private static final int CLOCK_REACH = 2;

  /**
   * Unexplained changes in one connected group of changed tiles that make the group a larger change
   * its volatile tiles are part of.
   */
  private static final int LARGER_CHANGE_TILES = 4;

  private final int tileSize;
  private final VolatilityParameters volatility;
  private final int generations;
  private final long frameEntries;
  private final BloomHistory bloom;
  private final RecentFingerprints recentFrames;
  private final RecentFingerprints recentTiles;
  private final List<DisplayState> displays = new ArrayList<>();

  /** The flood fill that finds a clock's changed tiles, its buffers reused. */
  private final TileGroups groups = new TileGroups();

  private volatile long bloomFalsePositives;
  private volatile DedupSnapshot snapshot = DedupSnapshot.EMPTY;
  private long snapshotAtNanos;
  private boolean snapshotTaken;

  /** What the policy keeps per display: the last kept frame's fingerprints and the learning. */
  private static final class DisplayState {
    final TileFingerprints fingerprints;
    VolatileTiles volatileTiles;
    boolean[] novel = new boolean[0];
    int[] explainedOwn = new int[0];
    boolean[] withClock = new boolean[0];

    DisplayState(int tileSize) {
      fingerprints = new TileFingerprints(tileSize);
    }
  }

  /** A policy with the default parameters and a 16 MiB budget, for tests. */
  public VerdictPolicy(Duration revisitWindow, int tileSize) {
    this(
        revisitWindow,
        5,
        16L << 20,
        0.001,
        BloomKind.BLOCKED,
        VolatilityParameters.defaults(),
        tileSize);
  }

  /**
   * @param revisitWindow how long a screen or a tile's content is remembered for REVISIT
   * @param generations bloom generations sharing the window
   * @param budgetBytes the dedup budget: three quarters for the bloom bits, one quarter for the
   *     exact keys that confirm its hits
   * @param falsePositiveRate target rate of each full generation
   * @param kind which bloom filter the generations use
   * @param volatility how volatile tiles are learned
   * @param tileSize edge of the diff's tiles, in pixels
   */
  public VerdictPolicy(
      Duration revisitWindow,
      int generations,
      long budgetBytes,
      double falsePositiveRate,
      BloomKind kind,
      VolatilityParameters volatility,
      int tileSize) {
    this.tileSize = tileSize;
    this.volatility = volatility;
    this.generations = generations;
    this.frameEntries = Math.max(1, revisitWindow.toSeconds()) * MAX_FRAMES_PER_SECOND;
    this.bloom =
        new BloomHistory(
            revisitWindow.toNanos(),
            generations,
            bloomBytes(budgetBytes) / generations,
            falsePositiveRate,
            kind);
    long window = revisitWindow.toNanos();
    this.recentFrames = new RecentFingerprints(window, (int) Math.min(frameEntries, 1 << 24));
    this.recentTiles = new RecentFingerprints(window, tileEntries(budgetBytes));
  }

  private static long bloomBytes(long budgetBytes) {
    return budgetBytes / 4 * 3;
  }

  private int tileEntries(long budgetBytes) {
    long exactBytes = budgetBytes - bloomBytes(budgetBytes);
    long entries = Math.max(1024, exactBytes / RecentFingerprints.BYTES_PER_ENTRY - frameEntries);
    return (int) Math.min(entries, 1 << 28);
  }

  /**
   * A new dedup budget: bloom generations take their new size as they rotate in, and the exact tile
   * keys are trimmed to theirs now. Called on the thread that judges frames.
   */
  public void setBudget(long budgetBytes) {
    bloom.setBytesPerGeneration(bloomBytes(budgetBytes) / generations);
    recentTiles.setMaxEntries(tileEntries(budgetBytes));
  }

  /**
   * The verdict for a frame that is not a capture duplicate.
   *
   * @param display which display's history the frame belongs to
   * @param current the frame, readable in place
   * @param diff its diff against the previous kept frame of the display, or null when there is none
   *     to compare with (the first frame, a size change)
   * @param capturedAtNanos capture time, epoch nanoseconds
   */
  public Verdict judge(int display, FrameView current, TileDiff diff, long capturedAtNanos) {
    Verdict verdict = decide(display, current, diff, capturedAtNanos);
    publishSnapshot(capturedAtNanos);
    return verdict;
  }

  private Verdict decide(int display, FrameView current, TileDiff given, long capturedAtNanos) {
    DisplayState state = state(display);
    TileFingerprints fingerprints = state.fingerprints;
    boolean hadFrame = fingerprints.valid();
    // A diff over another tile grid than the last frame's (the size changed) compares nothing.
    TileDiff diff = hadFrame && !fingerprints.sameGrid(current, given) ? null : given;
    long previousFrameHash = fingerprints.frameHash();
    if (hadFrame && diff != null) {
      rememberWhatIsLeaving(display, fingerprints, diff, capturedAtNanos);
    }
    fingerprints.update(current, diff);
    if (hadFrame && diff != null && fingerprints.frameHash() == previousFrameHash) {
      return Verdict.DUPLICATE;
    }
    if (diff == null) {
      for (int t = 0; t < fingerprints.tiles(); t++) {
        remember(tileKey(display, fingerprints, t), recentTiles, capturedAtNanos);
      }
      return screenSeen(display, fingerprints, capturedAtNanos) ? Verdict.REVISIT : Verdict.CHANGE;
    }
    if (diff.changedTiles() == 0) {
      rememberTilesThatDiffer(display, fingerprints, diff, capturedAtNanos);
      screenSeen(display, fingerprints, capturedAtNanos);
      return Verdict.MINOR;
    }
    VolatileTiles volatileTiles = volatileTiles(state, diff);
    boolean[] novel = state.novel;
    int[] explainedOwn = state.explainedOwn;
    for (int t = 0; t < diff.tiles(); t++) {
      novel[t] = false;
      explainedOwn[t] = VolatileTiles.NOT_EXPLAINED;
      if (diff.isChanged(t)) {
        novel[t] = !seen(tileKey(display, fingerprints, t), recentTiles, capturedAtNanos);
        explainedOwn[t] = volatileTiles.observe(t, capturedAtNanos, novel[t]);
      }
    }
    rememberTilesThatDiffer(display, fingerprints, diff, capturedAtNanos);
    disbelieveWidespread(explainedOwn, diff);
    disbelieveInsideLargerChanges(volatileTiles, explainedOwn, diff);
    boolean[] withClock = partsOfClocks(state, volatileTiles, diff);
    boolean anyUnexplained = false;
    for (int t = 0; t < diff.tiles(); t++) {
      if (diff.isChanged(t)) {
        boolean explained = explainedOwn[t] != VolatileTiles.NOT_EXPLAINED || withClock[t];
        // A tile whose latest change was put down to volatility is left out of the screen's
        // stable hash until a change there is not.
        fingerprints.mask(t, explained);
        anyUnexplained |= !explained;
      }
    }
    maskAroundClocks(fingerprints, volatileTiles, explainedOwn, diff);
    boolean seen = screenSeen(display, fingerprints, capturedAtNanos);
    if (!anyUnexplained) {
      return Verdict.MINOR;
    }
    return seen ? Verdict.REVISIT : Verdict.CHANGE;
  }

  /**
   * New content on a steady beat is a clock only where it is small: when more tiles than a clock
   * covers bring new content on the beat in one frame, it is output that comes at a steady pace (a
   * log line a second, {@code ping}), and none of it is put down to the beat. Motion is a video in
   * part of the screen: when more than half the screen moves, the user is scrolling or watching
   * full screen, and it is all forwarded. Returns (a blink, a spinner) are not limited.
   */
  private static void disbelieveWidespread(int[] explainedOwn, TileDiff diff) {
    disbelieveBeyond(explainedOwn, diff, VolatileTiles.EXPLAINED_BEAT, MAX_BEAT_TILES);
    disbelieveBeyond(explainedOwn, diff, VolatileTiles.EXPLAINED_MOTION, diff.tiles() / 2);
  }

  /**
   * Takes back every {@code kind} explanation of the frame when there are more than {@code most}.
   */
  private static void disbelieveBeyond(int[] explainedOwn, TileDiff diff, int kind, int most) {
    int count = 0;
    for (int t = 0; t < diff.tiles(); t++) {
      if (explainedOwn[t] == kind) {
        count++;
      }
    }
    if (count <= most) {
      return;
    }
    for (int t = 0; t < diff.tiles(); t++) {
      if (explainedOwn[t] == kind) {
        explainedOwn[t] = VolatileTiles.NOT_EXPLAINED;
      }
    }
  }

  /**
   * A volatile tile that changes as part of a larger change (a window switched, a popup opened over
   * it) is judged with it: in a group of changed tiles (8-connected) that holds {@link
   * #LARGER_CHANGE_TILES} or more changes volatility does not explain, no explanation stands but a
   * clock's. So a window is known again by its content as a whole, whichever of its tiles learned a
   * rhythm from earlier switches: a tile put down to volatility leaves the screen's stable hash,
   * and a screen remembered with the tile in would not be known again without it. A clock's tile
   * stays out whatever changes beside it, as it does in every other frame.
   */
  private void disbelieveInsideLargerChanges(
      VolatileTiles volatileTiles, int[] explainedOwn, TileDiff diff) {
    changedGroups(
        diff,
        (minX, minY, maxX, maxY, members, count) -> {
          int unexplained = 0;
          for (int i = 0; i < count; i++) {
            if (explainedOwn[members[i]] == VolatileTiles.NOT_EXPLAINED) {
              unexplained++;
            }
          }
          if (unexplained < LARGER_CHANGE_TILES || unexplained == count) {
            return;
          }
          for (int i = 0; i < count; i++) {
            int t = members[i];
            if (!clockBeat(volatileTiles, explainedOwn[t], t)) {
              explainedOwn[t] = VolatileTiles.NOT_EXPLAINED;
            }
          }
        });
  }

  /** Calls {@code group} for each 8-connected group of the tiles {@code diff} found changed. */
  private void changedGroups(TileDiff diff, TileGroups.Group group) {
    groups.find(diff.tilesX(), diff.tilesY(), true, diff::isChanged, group);
  }

  /**
   * Whether the screen as it is now, volatile tiles left out, was shown within the window; it is
   * remembered as shown now either way.
   */
  private boolean screenSeen(int display, TileFingerprints fingerprints, long nowNanos) {
    long key = KeyMixer.frameKey(display, fingerprints.stableHash());
    boolean seen = seen(key, recentFrames, nowNanos);
    remember(key, recentFrames, nowNanos);
    return seen;
  }

  /**
   * The window counts from when a screen was last shown, not when it first appeared: what the
   * changed tiles (and the whole screen) showed until now is remembered again, so a popup closing
   * over a screen that had been still for longer than the window is still a REVISIT.
   */
  private void rememberWhatIsLeaving(
      int display, TileFingerprints fingerprints, TileDiff diff, long nowNanos) {
    if (diff.changedTiles() > 0) {
      remember(KeyMixer.frameKey(display, fingerprints.stableHash()), recentFrames, nowNanos);
    }
    rememberTilesThatDiffer(display, fingerprints, diff, nowNanos);
  }

  /**
   * Remembers the content {@code fingerprints} hold for every tile whose pixels differ at all in
   * {@code diff}, over the threshold or not: every content shown is part of the history.
   */
  private void rememberTilesThatDiffer(
      int display, TileFingerprints fingerprints, TileDiff diff, long nowNanos) {
    for (int t = 0; t < diff.tiles(); t++) {
      if (diff.sad(t) != 0) {
        remember(tileKey(display, fingerprints, t), recentTiles, nowNanos);
      }
    }
  }

  /**
   * The changed tiles that belong to a clock ticking in this frame: a small group of changed tiles
   * (8-connected, at most {@link #MAX_BEAT_TILES}) that holds a clock's beat is the clock, its tens
   * digit, its minutes at a rollover. Of the group, the tiles whose changes mostly bring new
   * content join the beat; a tile that learned returns (a blinking caret's cell) never does, so a
   * character typed there always counts. A group larger than a clock (a window opened beside it)
   * lends nothing.
   */
  private boolean[] partsOfClocks(DisplayState state, VolatileTiles volatileTiles, TileDiff diff) {
    boolean[] parts = state.withClock;
    java.util.Arrays.fill(parts, false);
    int[] explainedOwn = state.explainedOwn;
    boolean anyBeat = false;
    for (int t = 0; t < diff.tiles() && !anyBeat; t++) {
      anyBeat = clockBeat(volatileTiles, explainedOwn[t], t);
    }
    if (!anyBeat) {
      return parts;
    }
    changedGroups(
        diff,
        (minX, minY, maxX, maxY, members, count) -> {
          if (count > MAX_CLOCK_TILES || maxY - minY + 1 > MAX_CLOCK_ROWS) {
            return;
          }
          boolean beat = false;
          for (int i = 0; i < count && !beat; i++) {
            beat = clockBeat(volatileTiles, explainedOwn[members[i]], members[i]);
          }
          for (int i = 0; beat && i < count; i++) {
            parts[members[i]] = volatileTiles.novelHabit(members[i]);
          }
        });
    return parts;
  }

  /**
   * A clock's other digits (its minutes, its hours) sit beside its seconds on the same line and
   * change too rarely to be learned before the user returns to a screen across a minute's turn: the
   * tiles up to {@link #CLOCK_REACH} either side of a ticking tile, that did not change in this
   * frame, are left out of the stable hash with it, until a change there is not explained.
   */
  private static void maskAroundClocks(
      TileFingerprints fingerprints,
      VolatileTiles volatileTiles,
      int[] explainedOwn,
      TileDiff diff) {
    int tilesX = diff.tilesX();
    for (int t = 0; t < diff.tiles(); t++) {
      if (!clockBeat(volatileTiles, explainedOwn[t], t)) {
        continue;
      }
      int row = t / tilesX * tilesX;
      int x = t % tilesX;
      for (int nx = Math.max(0, x - CLOCK_REACH);
          nx <= Math.min(tilesX - 1, x + CLOCK_REACH);
          nx++) {
        if (!diff.isChanged(row + nx)) {
          fingerprints.mask(row + nx, true);
        }
      }
    }
  }

  /**
   * Whether {@code tile}, explained as {@code explained} in this frame, is a clock's beat: new
   * content on a steady beat, or any change of a tile that ticks once a second (a clock's units
   * digit returns to a digit seen ten seconds before). A blinking caret's return never is, so the
   * character typed into the tile beside it always counts.
   */
  private static boolean clockBeat(VolatileTiles volatileTiles, int explained, int tile) {
    return (explained == VolatileTiles.EXPLAINED_BEAT && volatileTiles.steadyBeat(tile))
        || (explained != VolatileTiles.NOT_EXPLAINED && volatileTiles.ticksEachSecond(tile));
  }

  private VolatileTiles volatileTiles(DisplayState state, TileDiff diff) {
    if (state.volatileTiles == null
        || !state.volatileTiles.fits(diff.tilesX(), diff.tilesY(), diff.tileSize())) {
      state.volatileTiles =
          new VolatileTiles(volatility, diff.tilesX(), diff.tilesY(), diff.tileSize());
      state.novel = new boolean[diff.tiles()];
      state.explainedOwn = new int[diff.tiles()];
      state.withClock = new boolean[diff.tiles()];
    }
    return state.volatileTiles;
  }

  /** Forgets what {@code display} showed: its next frame is judged as if it were its first. */
  public void forget(int display) {
    if (display < displays.size()) {
      displays.set(display, new DisplayState(tileSize));
    }
  }

  private DisplayState state(int display) {
    while (displays.size() <= display) {
      displays.add(new DisplayState(tileSize));
    }
    return displays.get(display);
  }

  private static long tileKey(int display, TileFingerprints fingerprints, int tile) {
    return KeyMixer.tileKey(display, tile, fingerprints.tileHash(tile));
  }

  /** Seen within the window: the bloom says maybe, the exact keys confirm. */
  private boolean seen(long key, RecentFingerprints exact, long nowNanos) {
    if (!bloom.mightContain(key, nowNanos)) {
      return false;
    }
    if (exact.contains(key, nowNanos)) {
      return true;
    }
    bloomFalsePositives++;
    return false;
  }

  private void remember(long key, RecentFingerprints exact, long nowNanos) {
    bloom.put(key, nowNanos);
    exact.add(key, nowNanos);
  }

  private void publishSnapshot(long nowNanos) {
    if (snapshotTaken && nowNanos - snapshotAtNanos < SNAPSHOT_INTERVAL_NANOS) {
      return;
    }
    List<DedupSnapshot.VolatileRegion> regions = new ArrayList<>();
    for (int d = 0; d < displays.size(); d++) {
      VolatileTiles tiles = displays.get(d).volatileTiles;
      if (tiles != null) {
        for (Rect r : tiles.regions(nowNanos)) {
          regions.add(new DedupSnapshot.VolatileRegion(d, r));
        }
      }
    }
    snapshot =
        new DedupSnapshot(
            List.copyOf(bloom.generations()),
            List.copyOf(regions),
            recentFrames.size(),
            recentTiles.size());
    snapshotAtNanos = nowNanos;
    snapshotTaken = true;
  }

  /**
   * Bloom generations, volatile regions and remembered keys, for status: a snapshot taken at most
   * once a second on the pipeline thread, safe to read from any thread.
   */
  public DedupSnapshot snapshot() {
    return snapshot;
  }

  /** Bloom hits the exact keys did not confirm: false positives caught. */
  public long bloomFalsePositives() {
    return bloomFalsePositives;
  }

  /** Whether {@code tile} of {@code display} is volatile now; false before any diff. */
  public boolean isVolatile(int display, int tile, long nowNanos) {
    if (display >= displays.size() || displays.get(display).volatileTiles == null) {
      return false;
    }
    return displays.get(display).volatileTiles.isVolatile(tile, nowNanos);
  }
}

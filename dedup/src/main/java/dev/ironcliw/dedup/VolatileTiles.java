package dev.ironcliw.dedup;

import dev.ironcliw.ring.Rect;
import dev.ironcliw.ring.TileGroups;
import java.util.ArrayList;
import java.util.List;

/**
 * Learns which tiles of one display change on a rhythm (a ticking clock, a blinking cursor, a
 * spinner) from each tile's history of changes, and forgets them when they go quiet.
 *
 * <p>A change is on the rhythm when the time since the tile's previous change matches one of its
 * two previous intervals (two, so that an on/off blink with unequal phases counts), within the
 * tolerance. Each change on the rhythm adds a beat; a change off it halves the beats (decay); a
 * tile quiet for {@code quietPeriods} of its own interval loses them all. A tile with {@code
 * minBeats} beats is volatile.
 *
 * <p>What tells typing from a clock tick is the rhythm and the content. A change in a volatile tile
 * is explained as noise only when its content was seen there before (the blink returning); for a
 * tile whose changes keep bringing new content, when the tile beats steadily (small jitter around
 * its mean interval, or one second three times: a clock) and this change is on time; or when the
 * tile has changed at every frame for {@link #MOTION_NANOS} (a video). Typing into the tile of a
 * blinking cursor brings new content to a tile that learned only returns, human typing is not
 * steady, and no burst of output lasts that long, so none of them is explained. The policy limits
 * how many tiles a beat may explain in one frame. Used by one thread.
 */
final class VolatileTiles {
  /** {@link #observe}: the change is not explained by the tile's volatility. */
  static final int NOT_EXPLAINED = 0;

  /** {@link #observe}: a volatile tile returned to content seen there (a blink). */
  static final int EXPLAINED_RETURN = 1;

  /** {@link #observe}: new content on a steady beat (a clock). */
  static final int EXPLAINED_BEAT = 2;

  /** {@link #observe}: new content in a tile that has changed at every frame for long (a video). */
  static final int EXPLAINED_MOTION = 3;

  /**
   * A tile that has changed at every frame for this long shows motion: a video, an animation. A
   * burst of output or a scroll the user makes is most often over within it and forwarded whole; of
   * a longer one, the first three seconds are.
   */
  private static final long MOTION_NANOS = 3_000_000_000L;

  /** Weight of the newest change in the novelty average. */
  private static final float NOVELTY_WEIGHT = 0.25f;

  /**
   * A steady beat needs at least this many intervals in a row that agree, and together they must
   * span {@link #STEADY_SPAN_NANOS}. Capture at 10 FPS blurs each interval by a frame, so a few
   * intervals cannot tell a clock from a steady typist; a 1 s clock proves itself in 8 ticks, while
   * keys 300 ms apart would have to agree 17 times in a row, which human typing does not.
   */
  private static final int MIN_STEADY_INTERVALS = 8;

  private static final long STEADY_SPAN_NANOS = 5_000_000_000L;

  /** Intervals kept per tile: the most a steady beat is judged on. */
  private static final int KEPT_INTERVALS = 32;

  /** A steady beat's intervals stay within this share of the rhythm tolerance of their median. */
  private static final double STEADY_SHARE = 0.5;

  /** A tile whose changes have mostly brought new content learns that as its habit. */
  private static final float NOVEL_HABIT = 0.5f;

  /**
   * Clocks, timers and counters tick once a second, and a human does not key the same place at
   * one-second intervals three times in a row within a frame of jitter: a tile whose last {@link
   * #WALL_CLOCK_INTERVALS} intervals are each one second, within the capture's sampling slack, is a
   * clock from its fourth change, long before a steady beat of any period is proven.
   */
  private static final long WALL_CLOCK_PERIOD_NANOS = 1_000_000_000L;

  private static final int WALL_CLOCK_INTERVALS = 3;

  private final VolatilityParameters parameters;
  private final int tilesX;
  private final int tilesY;
  private final int tileSize;
  private final long[] lastChangeNanos;

  /** When the tile's current run of changes at every frame began. */
  private final long[] runStartNanos;

  private final long[] interval1Nanos;
  private final long[] interval2Nanos;
  private final long[] recentIntervalsNanos;
  private final int[] intervalsSeen;
  private final long[] scratch = new long[KEPT_INTERVALS];

  /** {@link #regions}' flood fill, its buffers reused. */
  private final TileGroups groups = new TileGroups();

  private final int[] beats;
  private final float[] novelty;

  VolatileTiles(VolatilityParameters parameters, int tilesX, int tilesY, int tileSize) {
    this.parameters = parameters;
    this.tilesX = tilesX;
    this.tilesY = tilesY;
    this.tileSize = tileSize;
    int tiles = tilesX * tilesY;
    lastChangeNanos = new long[tiles];
    runStartNanos = new long[tiles];
    interval1Nanos = new long[tiles];
    interval2Nanos = new long[tiles];
    recentIntervalsNanos = new long[tiles * KEPT_INTERVALS];
    intervalsSeen = new int[tiles];
    beats = new int[tiles];
    novelty = new float[tiles];
    java.util.Arrays.fill(lastChangeNanos, Long.MIN_VALUE);
  }

  boolean fits(int tilesX, int tilesY, int tileSize) {
    return this.tilesX == tilesX && this.tilesY == tilesY && this.tileSize == tileSize;
  }

  /**
   * Whether a change of {@code tile} at {@code nowNanos} is explained by the tile's learned
   * volatility (judged on what was learned before this change), then learns from the change.
   *
   * @param novel the tile's new content was not seen at this tile within the window
   * @return {@link #NOT_EXPLAINED}, {@link #EXPLAINED_RETURN} or {@link #EXPLAINED_BEAT}
   */
  int observe(int tile, long nowNanos, boolean novel) {
    forgetIfQuiet(tile, nowNanos);
    boolean first = lastChangeNanos[tile] == Long.MIN_VALUE;
    long interval = first ? 0 : nowNanos - lastChangeNanos[tile];
    boolean onRhythm = !first && onRhythm(tile, interval);
    // One frame missed (a capture late, a video's repeated frame) does not end a run.
    boolean everyFrame = !first && interval <= parameters.samplingSlackNanos() * 5 / 3;
    if (!everyFrame) {
      runStartNanos[tile] = nowNanos;
    }
    int explained = NOT_EXPLAINED;
    boolean regular = beats[tile] >= parameters.minBeats();
    if (!novel && regular) {
      explained = EXPLAINED_RETURN;
    } else if (everyFrame && nowNanos - runStartNanos[tile] >= MOTION_NANOS) {
      explained = EXPLAINED_MOTION;
    } else if (novel
        && novelty[tile] >= NOVEL_HABIT
        && ((regular && steadyAndOnTime(tile, interval))
            || (!first && wallClock(tile, interval)))) {
      explained = EXPLAINED_BEAT;
    }
    if (onRhythm) {
      beats[tile]++;
    } else {
      beats[tile] >>= 1;
    }
    float noveltyNow = novel ? 1f : 0f;
    novelty[tile] =
        first ? noveltyNow : novelty[tile] + NOVELTY_WEIGHT * (noveltyNow - novelty[tile]);
    if (!first) {
      learnInterval(tile, interval);
    }
    interval2Nanos[tile] = interval1Nanos[tile];
    interval1Nanos[tile] = interval;
    lastChangeNanos[tile] = nowNanos;
    return explained;
  }

  /**
   * New content is only explained by a steady beat (a clock): the tile's recent intervals all lie
   * close to their median, and this change came on time.
   */
  private boolean steadyAndOnTime(int tile, long intervalNanos) {
    long median = steadyMedian(tile);
    return median > 0 && Math.abs(intervalNanos - median) <= steadyAllowance(median);
  }

  /** Whether the tile beats steadily now (a clock, a symmetric blink). */
  boolean steadyBeat(int tile) {
    return steadyMedian(tile) > 0 || wallClock(tile, -1);
  }

  /** Whether the tile's last changes came once a second (a clock's units digit). */
  boolean ticksEachSecond(int tile) {
    return wallClock(tile, -1);
  }

  /**
   * Whether the tile ticks once a second: {@code intervalNanos} (a change being observed, or -1 for
   * none) and the newest intervals learned, {@link #WALL_CLOCK_INTERVALS} in all, are each one
   * second within the sampling slack.
   */
  private boolean wallClock(int tile, long intervalNanos) {
    int needed = WALL_CLOCK_INTERVALS;
    if (intervalNanos >= 0) {
      if (!oneSecond(intervalNanos)) {
        return false;
      }
      needed--;
    }
    int seen = intervalsSeen[tile];
    if (Math.min(seen, KEPT_INTERVALS) < needed) {
      return false;
    }
    for (int back = 1; back <= needed; back++) {
      if (!oneSecond(
          recentIntervalsNanos[
              tile * KEPT_INTERVALS + Math.floorMod(seen - back, KEPT_INTERVALS)])) {
        return false;
      }
    }
    return true;
  }

  private boolean oneSecond(long intervalNanos) {
    return Math.abs(intervalNanos - WALL_CLOCK_PERIOD_NANOS) <= parameters.samplingSlackNanos();
  }

  /**
   * The median of the tile's recent intervals when they all lie close to it, over at least {@link
   * #MIN_STEADY_INTERVALS} intervals and {@link #STEADY_SPAN_NANOS}; 0 when the tile is not steady.
   */
  private long steadyMedian(int tile) {
    int known = Math.min(intervalsSeen[tile], KEPT_INTERVALS);
    if (known < MIN_STEADY_INTERVALS) {
      return 0;
    }
    // The newest intervals, newest first, until they span long enough.
    int newest = (intervalsSeen[tile] - 1) % KEPT_INTERVALS;
    int used = 0;
    long span = 0;
    while (used < known && (used < MIN_STEADY_INTERVALS || span < STEADY_SPAN_NANOS)) {
      long interval =
          recentIntervalsNanos[
              tile * KEPT_INTERVALS + Math.floorMod(newest - used, KEPT_INTERVALS)];
      scratch[used++] = interval;
      span += interval;
    }
    if (span < STEADY_SPAN_NANOS) {
      return 0;
    }
    java.util.Arrays.sort(scratch, 0, used);
    long median = scratch[used / 2];
    double allowed = steadyAllowance(median);
    return median - scratch[0] <= allowed && scratch[used - 1] - median <= allowed ? median : 0;
  }

  private double steadyAllowance(long medianNanos) {
    return STEADY_SHARE * parameters.rhythmTolerance() * medianNanos
        + parameters.samplingSlackNanos() * 2 / 3.0;
  }

  /** Whether the tile's changes have mostly brought content not seen there before. */
  boolean novelHabit(int tile) {
    return novelty[tile] >= NOVEL_HABIT;
  }

  private void learnInterval(int tile, long intervalNanos) {
    int seen = intervalsSeen[tile];
    recentIntervalsNanos[tile * KEPT_INTERVALS + seen % KEPT_INTERVALS] = intervalNanos;
    intervalsSeen[tile] = seen == Integer.MAX_VALUE ? KEPT_INTERVALS : seen + 1;
  }

  private boolean onRhythm(int tile, long intervalNanos) {
    if (intervalNanos > parameters.maxPeriodNanos()) {
      return false;
    }
    return matches(intervalNanos, interval1Nanos[tile])
        || matches(intervalNanos, interval2Nanos[tile]);
  }

  private boolean matches(long intervalNanos, long earlierNanos) {
    if (earlierNanos <= 0) {
      return false;
    }
    double allowed = parameters.rhythmTolerance() * earlierNanos + parameters.samplingSlackNanos();
    return Math.abs(intervalNanos - earlierNanos) <= allowed;
  }

  private void forgetIfQuiet(int tile, long nowNanos) {
    if (beats[tile] == 0 || lastChangeNanos[tile] == Long.MIN_VALUE) {
      return;
    }
    long period = Math.max(interval1Nanos[tile], interval2Nanos[tile]);
    if (nowNanos - lastChangeNanos[tile] > parameters.quietPeriods() * period) {
      beats[tile] = 0;
      intervalsSeen[tile] = 0;
    }
  }

  /** Whether {@code tile} is volatile now (has its beats and has not gone quiet). */
  boolean isVolatile(int tile, long nowNanos) {
    forgetIfQuiet(tile, nowNanos);
    return beats[tile] >= parameters.minBeats();
  }

  /**
   * The volatile tiles now, merged into the bounding boxes of 8-connected groups, in pixels
   * (clipped to the grid, not to the frame edge).
   */
  List<Rect> regions(long nowNanos) {
    List<Rect> regions = new ArrayList<>();
    groups.find(
        tilesX,
        tilesY,
        true,
        t -> isVolatile(t, nowNanos),
        (minX, minY, maxX, maxY, members, count) ->
            regions.add(
                new Rect(
                    minX * tileSize,
                    minY * tileSize,
                    (maxX - minX + 1) * tileSize,
                    (maxY - minY + 1) * tileSize)));
    return regions;
  }
}

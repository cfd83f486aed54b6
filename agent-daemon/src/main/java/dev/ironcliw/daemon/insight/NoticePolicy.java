package dev.ironcliw.daemon.insight;

import dev.ironcliw.config.NoticeSettings;
import dev.ironcliw.vision.Insight;
import java.util.ArrayDeque;

/**
 * Decides which insights are pushed to the user unasked: those that say the user may need help,
 * confidently enough, at most {@code perMinute} in any minute and never within the cooldown of the
 * previous one, so a stuck screen does not become a stream of pop-ups. Not thread-safe.
 */
final class NoticePolicy {
  private static final long MINUTE_NANOS = 60_000_000_000L;

  private final NoticeSettings settings;
  private final ArrayDeque<Long> recentNanos = new ArrayDeque<>();

  /** Written by the one thread that admits, read by status. */
  private volatile long suppressed;

  NoticePolicy(NoticeSettings settings) {
    this.settings = settings;
  }

  /** True when {@code insight} becomes a notice now; counts the ones held back. */
  boolean admit(Insight insight, long nowNanos) {
    if (!insight.needsHelp() || insight.confidence() < settings.minConfidence()) {
      return false;
    }
    while (!recentNanos.isEmpty() && nowNanos - recentNanos.peekFirst() >= MINUTE_NANOS) {
      recentNanos.pollFirst();
    }
    boolean tooMany = recentNanos.size() >= settings.perMinute();
    boolean tooSoon =
        !recentNanos.isEmpty() && nowNanos - recentNanos.peekLast() < settings.cooldown().toNanos();
    if (tooMany || tooSoon) {
      suppressed = suppressed + 1;
      return false;
    }
    recentNanos.addLast(nowNanos);
    return true;
  }

  /** Notices held back by the rate limit or the cooldown. */
  long suppressed() {
    return suppressed;
  }
}

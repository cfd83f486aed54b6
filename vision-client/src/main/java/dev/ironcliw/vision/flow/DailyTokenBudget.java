package dev.ironcliw.vision.flow;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Tokens the provider billed in the current UTC day, against a limit. Thread-safe. */
public final class DailyTokenBudget {
  private final long limit;
  private final Clock clock;
  private LocalDate day;
  private long used;

  public DailyTokenBudget(long limit, Clock clock) {
    this.limit = limit;
    this.clock = clock;
    this.day = today();
  }

  private LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  private void rollOver() {
    LocalDate now = today();
    if (!now.equals(day)) {
      day = now;
      used = 0;
    }
  }

  public synchronized void spend(long tokens) {
    rollOver();
    used += tokens;
  }

  /** True once today's tokens reach the limit: no more requests until the UTC day ends. */
  public synchronized boolean exhausted() {
    rollOver();
    return used >= limit;
  }

  public synchronized long usedToday() {
    rollOver();
    return used;
  }

  public long limit() {
    return limit;
  }
}

package dev.ironcliw.ring;

import java.util.concurrent.atomic.AtomicLong;

/** A one-component budget for tests: counts what is reserved and refuses more than its limit. */
final class CountingBudget implements OffHeapBudget {
  private final AtomicLong reserved = new AtomicLong();
  private volatile long limitBytes;

  CountingBudget(long limitBytes) {
    this.limitBytes = limitBytes;
  }

  long reservedBytes() {
    return reserved.get();
  }

  void setLimit(long bytes) {
    limitBytes = bytes;
  }

  @Override
  public synchronized Reservation reserve(String component, long bytes) {
    take(component, bytes);
    return new Reservation() {
      private long held = bytes;

      @Override
      public void resize(long newBytes) {
        synchronized (CountingBudget.this) {
          if (newBytes > held) {
            take(component, newBytes - held);
          } else {
            reserved.addAndGet(newBytes - held);
          }
          held = newBytes;
        }
      }

      @Override
      public void close() {
        synchronized (CountingBudget.this) {
          reserved.addAndGet(-held);
          held = 0;
        }
      }
    };
  }

  private void take(String component, long bytes) {
    long remaining = limitBytes - reserved.get();
    if (bytes > remaining) {
      throw new BudgetExceededException(component, bytes, remaining, limitBytes);
    }
    reserved.addAndGet(bytes);
  }
}

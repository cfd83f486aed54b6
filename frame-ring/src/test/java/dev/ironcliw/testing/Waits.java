package dev.ironcliw.testing;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * Awaitility as the tests wait with it: the condition is polled on the test's own thread (so no
 * poller thread is left for {@link LeakCheck} to find), first at once and then every 50 ms.
 */
public final class Waits {
  private Waits() {}

  /**
   * @param what what is waited for, named in the failure
   * @param atMost how long before it fails
   */
  public static ConditionFactory await(String what, Duration atMost) {
    return Awaitility.await(what)
        .atMost(atMost)
        .pollInSameThread()
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(50));
  }
}

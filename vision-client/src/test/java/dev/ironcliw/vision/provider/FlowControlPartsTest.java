package dev.ironcliw.vision.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.flow.Backoff;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Retry-After parsing, the backoff's bounds, and the breaker's states on a manual clock. */
class FlowControlPartsTest {
  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

  @Test
  void shouldReadRetryAfterAsSecondsOrAsAnHttpDate() {
    assertEquals(Optional.of(Duration.ofSeconds(7)), RetryAfter.parse("7", NOW));
    assertEquals(Optional.of(Duration.ofMillis(1500)), RetryAfter.parse(" 1.5 ", NOW));
    assertEquals(
        Optional.of(Duration.ofSeconds(30)),
        RetryAfter.parse("Sun, 22 Nov 2026 10:00:30 GMT", NOW));
    assertEquals(
        Optional.of(Duration.ZERO), RetryAfter.parse("Sun, 22 Nov 2026 09:00:00 GMT", NOW));
    assertEquals(Optional.empty(), RetryAfter.parse("soon", NOW));
    assertEquals(Optional.empty(), RetryAfter.parse("-4", NOW));
    assertEquals(Optional.empty(), RetryAfter.parse(null, NOW));
  }

  @Test
  void shouldBackOffExponentiallyWithJitterUpToTheCap() {
    Backoff backoff =
        new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), new SplittableRandom(3));
    for (int i = 0; i < 200; i++) {
      long first = backoff.delay(1, null).toMillis();
      long third = backoff.delay(3, null).toMillis();
      long tenth = backoff.delay(10, null).toMillis();
      assertTrue(first >= 50 && first <= 100, "first " + first);
      assertTrue(third >= 200 && third <= 400, "third " + third);
      assertTrue(tenth >= 1000 && tenth <= 2000, "capped " + tenth);
    }
    assertEquals(
        Duration.ofSeconds(9), backoff.delay(1, Duration.ofSeconds(9)), "Retry-After wins");
  }

  @Test
  void shouldOpenProbeAndCloseTheBreaker() {
    AtomicLong clock = new AtomicLong();
    CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(30), clock::get);
    breaker.onFailure();
    breaker.onFailure();
    breaker.onSuccess(); // a success in between: not in a row
    breaker.onFailure();
    breaker.onFailure();
    assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
    breaker.onFailure();
    assertEquals(CircuitBreaker.State.OPEN, breaker.state());
    assertFalse(breaker.tryAcquire());

    clock.addAndGet(Duration.ofSeconds(30).toNanos());
    assertEquals(CircuitBreaker.State.HALF_OPEN, breaker.state());
    assertTrue(breaker.tryAcquire(), "one probe");
    assertFalse(breaker.tryAcquire(), "only one");
    breaker.onFailure();
    assertEquals(CircuitBreaker.State.OPEN, breaker.state(), "a failed probe opens it again");

    clock.addAndGet(Duration.ofSeconds(30).toNanos());
    assertTrue(breaker.tryAcquire());
    breaker.onSuccess();
    assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
    assertEquals(2, breaker.timesOpened());
  }
}

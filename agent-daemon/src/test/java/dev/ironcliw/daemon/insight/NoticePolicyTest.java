package dev.ironcliw.daemon.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.config.NoticeSettings;
import dev.ironcliw.vision.Insight;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NoticePolicyTest {
  private static final long SECOND = 1_000_000_000L;
  private static final Insight HELP =
      new Insight("stuck on a dialog", "app", true, "press Esc", 0.8);

  private final NoticePolicy policy =
      new NoticePolicy(new NoticeSettings(3, Duration.ofSeconds(10), 0.5, false));

  @Test
  void shouldPushOnlyConfidentCallsForHelp() {
    assertFalse(policy.admit(new Insight("reading", "app", false, "", 0.99), 0));
    assertFalse(policy.admit(new Insight("stuck", "app", true, "x", 0.4), 0));
    assertTrue(policy.admit(HELP, 0));
    assertEquals(0, policy.suppressed(), "what was never a notice is not counted as held back");
  }

  @Test
  void shouldHoldBackNoticesWithinTheCooldown() {
    assertTrue(policy.admit(HELP, 0));
    assertFalse(policy.admit(HELP, 9 * SECOND));
    assertTrue(policy.admit(HELP, 10 * SECOND));
    assertEquals(1, policy.suppressed());
  }

  @Test
  void shouldAllowAtMostThePerMinuteLimitInAnyMinute() {
    assertTrue(policy.admit(HELP, 0));
    assertTrue(policy.admit(HELP, 10 * SECOND));
    assertTrue(policy.admit(HELP, 20 * SECOND));
    assertFalse(policy.admit(HELP, 30 * SECOND), "a fourth within the minute");
    assertFalse(policy.admit(HELP, 59 * SECOND));
    assertTrue(policy.admit(HELP, 60 * SECOND), "the first has left the minute");
    assertEquals(2, policy.suppressed());
  }

  @Test
  void shouldPushNothingWhenTheLimitIsZero() {
    NoticePolicy off = new NoticePolicy(new NoticeSettings(0, Duration.ZERO, 0.5, false));
    assertFalse(off.admit(HELP, 0));
  }
}

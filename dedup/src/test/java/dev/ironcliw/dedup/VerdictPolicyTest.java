package dev.ironcliw.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class VerdictPolicyTest {
  private static final long S = 1_000_000_000L;

  @Test
  void shouldCallAFrameIdenticalToThePreviousADuplicate() {
    VerdictPolicy policy = new VerdictPolicy(Duration.ofMinutes(5));
    assertEquals(Verdict.CHANGE, policy.judgeExact(false, 1, 0));
    assertEquals(Verdict.DUPLICATE, policy.judgeExact(true, 1, S));
  }

  @Test
  void shouldCallAReturnToAnEarlierScreenARevisitWithinTheWindow() {
    VerdictPolicy policy = new VerdictPolicy(Duration.ofSeconds(10));
    assertEquals(Verdict.CHANGE, policy.judgeExact(false, 1, 0));
    assertEquals(Verdict.CHANGE, policy.judgeExact(false, 2, S));
    assertEquals(Verdict.REVISIT, policy.judgeExact(false, 1, 2 * S));
  }

  @Test
  void shouldForgetFingerprintsOlderThanTheWindow() {
    VerdictPolicy policy = new VerdictPolicy(Duration.ofSeconds(10));
    policy.judgeExact(false, 1, 0);
    policy.judgeExact(false, 2, 5 * S);
    assertEquals(Verdict.CHANGE, policy.judgeExact(false, 1, 11 * S));
    assertEquals(Verdict.REVISIT, policy.judgeExact(false, 2, 12 * S));
  }

  @Test
  void shouldKeepCountsRightAcrossGrowthAndExpiry() {
    VerdictPolicy policy = new VerdictPolicy(Duration.ofSeconds(100));
    for (int i = 0; i < 5000; i++) {
      policy.judgeExact(false, i % 3000, i * S / 100);
    }
    assertEquals(5000, policy.rememberedFingerprints());
    assertEquals(Verdict.REVISIT, policy.judgeExact(false, 2999, 50 * S));
    assertEquals(Verdict.CHANGE, policy.judgeExact(false, 123_456, 400 * S));
    assertEquals(1, policy.rememberedFingerprints());
  }

  @Test
  void shouldNeverTurnABloomFalsePositiveIntoARevisit() {
    // A bloom history sized for a handful of entries: hits will mostly be false positives.
    VerdictPolicy policy = new VerdictPolicy(Duration.ofMinutes(5), 1, 8, 0.5);
    int revisits = 0;
    for (long fp = 1; fp <= 2000; fp++) {
      if (policy.judgeExact(false, fp * 0x9E3779B97F4A7C15L, fp * S / 10) == Verdict.REVISIT) {
        revisits++;
      }
    }
    assertEquals(0, revisits, "every fingerprint was new");
    assertTrue(policy.bloomFalsePositives() > 100, "the overfull bloom said yes wrongly");
    assertEquals(Verdict.REVISIT, policy.judgeExact(false, 7 * 0x9E3779B97F4A7C15L, 300 * S));
  }

  @Test
  void shouldPublishTheBloomGenerationsForStatus() {
    VerdictPolicy policy = new VerdictPolicy(Duration.ofSeconds(10), 5, 1 << 16, 0.001);
    policy.judgeExact(false, 1, 0);
    assertEquals(1, policy.bloomGenerations().size());
    assertEquals(1, policy.bloomGenerations().getFirst().approximateEntries());
  }

  @Test
  void shouldCallANewFrameWithoutChangedTilesMinor() {
    VerdictPolicy policy = new VerdictPolicy(Duration.ofMinutes(5));
    assertEquals(Verdict.MINOR, policy.judgeDiff(0));
    assertEquals(Verdict.CHANGE, policy.judgeDiff(1));
  }
}

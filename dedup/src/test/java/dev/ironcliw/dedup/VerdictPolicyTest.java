package dev.ironcliw.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
  void shouldCallANewFrameWithoutChangedTilesMinor() {
    VerdictPolicy policy = new VerdictPolicy(Duration.ofMinutes(5));
    assertEquals(Verdict.MINOR, policy.judgeDiff(0));
    assertEquals(Verdict.CHANGE, policy.judgeDiff(1));
  }
}

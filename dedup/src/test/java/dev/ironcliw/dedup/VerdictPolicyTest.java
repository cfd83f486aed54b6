package dev.ironcliw.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VerdictPolicyTest {
  private static VerdictPolicy policy() {
    return new VerdictPolicy(Duration.ofMinutes(5), 32);
  }

  private static Map<Verdict, Integer> tally() {
    Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
    for (Verdict v : Verdict.values()) {
      counts.put(v, 0);
    }
    return counts;
  }

  @Test
  void shouldCallAFrameThatDiffersOnlyInInvisibleBitsADuplicate() {
    TestScreen screen = new TestScreen(policy());
    assertEquals(Verdict.CHANGE, screen.capture(0));
    assertEquals(Verdict.DUPLICATE, screen.capture(100), "byte-identical");
    screen.fill(0, 0, 256, 128, 0x213141); // one level up in each colour: under the masked bits
    assertEquals(Verdict.DUPLICATE, screen.capture(200));
  }

  @Test
  void shouldCallAClosedPopupARevisit() {
    TestScreen screen = new TestScreen(policy());
    screen.glyph(10, 10, 1).capture(0);
    assertEquals(Verdict.CHANGE, screen.fill(100, 40, 80, 50, 0xFFFFCC).capture(1000), "opened");
    assertEquals(Verdict.REVISIT, screen.fill(100, 40, 80, 50, 0x203040).capture(3000), "closed");
  }

  @Test
  void shouldForwardAPopupClosingOverTextTypedSinceItOpened() {
    TestScreen screen = new TestScreen(policy());
    screen.capture(0);
    assertEquals(Verdict.CHANGE, screen.fill(100, 40, 80, 50, 0xFFFFCC).capture(1000));
    assertEquals(Verdict.CHANGE, screen.glyph(10, 100, 7).capture(2000), "text typed elsewhere");
    assertEquals(
        Verdict.CHANGE,
        screen.fill(100, 40, 80, 50, 0x203040).capture(3000),
        "every uncovered tile was seen at its place, but the screen as a whole is new");
  }

  @Test
  void shouldCallAClosedPopupARevisitWhileAClockTicks() {
    TestScreen screen = new TestScreen(policy());
    screen.capture(0);
    int second = 1;
    for (; second <= 10; second++) {
      screen.glyph(230, 8, second).capture(second * 1000L);
    }
    assertEquals(Verdict.CHANGE, screen.fill(40, 40, 80, 50, 0xFFFFCC).capture(10_500), "opened");
    for (; second <= 14; second++) {
      assertEquals(Verdict.MINOR, screen.glyph(230, 8, second).capture(second * 1000L), "tick");
    }
    assertEquals(
        Verdict.REVISIT,
        screen.fill(40, 40, 80, 50, 0x203040).glyph(230, 8, second).capture(second * 1000L),
        "closed in the frame of a tick: the screen, clock aside, was seen");
  }

  @Test
  void shouldTellAReturnFromTheScreenLastShownNotFirstShown() {
    TestScreen screen = new TestScreen(policy());
    screen.glyph(10, 10, 3).capture(0);
    // Still for ten minutes (all capture duplicates), longer than the five-minute window.
    assertEquals(Verdict.DUPLICATE, screen.capture(600_000));
    assertEquals(Verdict.CHANGE, screen.fill(100, 40, 80, 50, 0xFFFFCC).capture(600_100));
    assertEquals(Verdict.REVISIT, screen.fill(100, 40, 80, 50, 0x203040).capture(601_000));
  }

  @Test
  void shouldKnowAScreenAgainAfterTheClocksMinuteTurned() {
    // A clock MM:SS, a digit a tile: minutes units in tile 0, seconds tens in 1, units in 2.
    TestScreen screen = new TestScreen(policy());
    screen.capture(0);
    for (int second = 50; second <= 54; second++) {
      clock(screen, second).capture(second * 1000L);
    }
    assertEquals(Verdict.CHANGE, screen.fill(100, 40, 80, 50, 0xFFFFCC).capture(55_500), "opened");
    for (int second = 55; second <= 65; second++) {
      assertEquals(Verdict.MINOR, clock(screen, second).capture(second * 1000L), "tick " + second);
    }
    assertEquals(
        Verdict.REVISIT,
        clock(screen.fill(100, 40, 80, 50, 0x203040), 66).capture(66_000),
        "closed after the minute turned: the clock, minutes and all, is left out");
    assertEquals(
        Verdict.CHANGE,
        clock(screen.fill(100, 40, 80, 50, 0xCCFFFF), 67).capture(67_000),
        "a popup opened beside the clock in the frame of a tick is not part of it");
  }

  @Test
  void shouldKnowAWindowSwitchedBackThoughSomeOfItsTilesLearnedARhythm() {
    // Times (in frames at 10 FPS) from a recording of the terminal scenario where the last switch
    // back was judged a CHANGE: the tiles under two popups opened and closed three seconds apart
    // had learned a three-second rhythm by then, so the switch back was put down to their
    // volatility there, and the screen without those tiles had never been shown.
    TestScreen screen = new TestScreen(policy());
    int first = 0;
    terminal(screen, first).capture(30_000);
    for (int frame = 303; frame <= 360; frame += 3) {
      terminal(screen, ++first).capture(frame * 100L); // output scrolling a line at a time
    }
    assertEquals(Verdict.CHANGE, screen.fill(60, 40, 120, 40, 0xFFFFFF).capture(38_800));
    assertEquals(Verdict.REVISIT, terminal(screen, first).capture(41_700), "popup closed");
    assertEquals(Verdict.CHANGE, screen.fill(60, 40, 80, 30, 0xFFFFCC).capture(44_700));
    int[] typedAt = {449, 452, 456, 461, 467};
    for (int c = 0; c < typedAt.length; c++) {
      assertEquals(Verdict.CHANGE, screen.glyph(6 * c, 84, 500 + c).capture(typedAt[c] * 100L));
    }
    terminal(screen, first);
    for (int c = 0; c < typedAt.length; c++) {
      screen.glyph(6 * c, 84, 500 + c);
    }
    int[] windowA = screen.pixelsCopy();
    assertEquals(Verdict.CHANGE, screen.capture(48_100), "second popup closed over typed text");
    assertEquals(Verdict.CHANGE, terminal(screen, 1000).capture(51_100), "the other window");
    assertEquals(Verdict.REVISIT, screen.restore(windowA).capture(54_100), "back");
    assertEquals(Verdict.REVISIT, terminal(screen, 1000).capture(57_000), "the other again");
    assertEquals(Verdict.REVISIT, screen.restore(windowA).capture(60_200), "and back again");
  }

  /** A terminal's 8 lines of 40 characters, line {@code first} on top, over a cleared screen. */
  private static TestScreen terminal(TestScreen screen, int first) {
    return screen.fill(0, 0, 240, 96, 0x203040).lines(8, 40, first);
  }

  private static TestScreen clock(TestScreen screen, int seconds) {
    return screen
        .glyph(8, 8, seconds / 60)
        .glyph(40, 8, seconds % 60 / 10)
        .glyph(70, 8, seconds % 10);
  }

  @Test
  void shouldRememberContentThatCameAndWentUnderTheThreshold() {
    // A tile whose content changes by less than the threshold both ways (a dot on a blank
    // tile) was still shown: when it comes back in one step over the threshold, it is seen.
    TestScreen screen = new TestScreen(policy(), 2_000);
    screen.glyph(40, 40, 1).glyph(140, 40, 1).capture(0);
    assertEquals(Verdict.CHANGE, screen.glyph(140, 40, 2).capture(100), "other tile, state 2");
    assertEquals(Verdict.REVISIT, screen.glyph(140, 40, 1).capture(200), "other tile, state 1");
    assertEquals(Verdict.CHANGE, screen.fill(40, 40, 6, 10, 0x203040).capture(300), "blanked");
    screen.fill(50, 50, 1, 1, 0xE0E0E0).capture(400); // the dot: under the threshold
    screen.fill(50, 50, 1, 1, 0x203040).capture(500); // gone again: under it too
    assertEquals(Verdict.REVISIT, screen.glyph(40, 40, 1).capture(600), "the glyph is back");
    assertEquals(
        Verdict.CHANGE,
        screen
            .fill(40, 40, 6, 10, 0x203040)
            .fill(50, 50, 1, 1, 0xE0E0E0)
            .glyph(140, 40, 2)
            .capture(700),
        "the dot and the other tile's state 2 were both shown before, but never together");
  }

  @Test
  void shouldForgetScreensNotShownWithinTheWindow() {
    TestScreen screen = new TestScreen(policy());
    screen.capture(0);
    assertEquals(Verdict.CHANGE, screen.fill(100, 40, 80, 50, 0xFFFFCC).capture(1000));
    assertEquals(Verdict.CHANGE, screen.fill(100, 40, 80, 50, 0x203040).capture(400_000));
  }

  @Test
  void shouldLearnATickingClockAndStopForwardingIt() {
    VerdictPolicy policy = policy();
    TestScreen screen = new TestScreen(policy);
    screen.capture(0);
    int forwarded = 0;
    for (int second = 1; second <= 60; second++) {
      // The tens digit sits in the tile to the left of the units (tiles are 32 px).
      screen.glyph(24, 8, second / 10).glyph(33, 8, second % 10);
      long at = second * 1000L + (second % 2) * 100L; // sampled at 10 FPS: a frame late or not
      Verdict v = screen.capture(at);
      if (v == Verdict.CHANGE) {
        forwarded++;
        assertTrue(second <= 3, "tick " + second + " still forwarded");
      }
    }
    // Three one-second intervals before new content counts as a clock's beat: ticks 1 to 3 go on.
    assertEquals(3, forwarded, "ticks forwarded while learning");
    assertTrue(policy.isVolatile(0, 1, 60_500 * TestScreen.MS), "the units tile is volatile");
    DedupSnapshot snapshot = policy.snapshot();
    assertEquals(1, snapshot.volatileRegions().size(), snapshot.volatileRegions().toString());
    assertFalse(policy.isVolatile(0, 1, 80_000 * TestScreen.MS), "quiet for 20 s: forgotten");
  }

  @Test
  void shouldForwardEveryLineOfOutputThatComesOnceASecond() {
    // ping: a line a second, scrolling a terminal; as steady as a clock, but wide.
    TestScreen screen = new TestScreen(policy());
    screen.capture(0);
    for (int second = 1; second <= 30; second++) {
      screen.lines(8, 40, second);
      assertEquals(Verdict.CHANGE, screen.capture(second * 1000L), "line " + second);
    }
  }

  @Test
  void shouldLearnAVideoPlayingInACornerAndStillForwardTypingBesideIt() {
    TestScreen screen = new TestScreen(policy());
    screen.capture(0);
    SplittableRandom random = new SplittableRandom(3);
    int forwarded = 0;
    int typed = 0;
    for (int frame = 1; frame <= 300; frame++) {
      // A 64x64 video: every frame new.
      for (int y = 0; y < 64; y += 8) {
        screen.fill(192, y, 64, 8, random.nextInt(0x1000000));
      }
      boolean typing = frame > 100 && frame % 7 == 0 && typed < 30;
      if (typing) {
        screen.glyph(8 + 6 * (typed % 20), 80 + 12 * (typed / 20), typed);
        typed++;
      }
      Verdict v = screen.capture(frame * 100L);
      if (typing) {
        assertEquals(Verdict.CHANGE, v, "character " + typed + " typed beside the video");
      } else if (v == Verdict.CHANGE) {
        forwarded++;
        assertTrue(frame <= 31, "video frame " + frame + " still forwarded");
      }
    }
    assertTrue(forwarded >= 25, "the first three seconds go on: " + forwarded);
  }

  @Test
  void shouldForwardMotionOverMostOfTheScreen() {
    // Scrolling a long page for ten seconds, or a video full screen: not a corner's noise.
    TestScreen screen = new TestScreen(policy());
    screen.capture(0);
    SplittableRandom random = new SplittableRandom(5);
    for (int frame = 1; frame <= 100; frame++) {
      for (int y = 0; y < 128; y += 16) {
        screen.fill(0, y, 256, 16, random.nextInt(0x1000000));
      }
      assertEquals(Verdict.CHANGE, screen.capture(frame * 100L), "frame " + frame);
    }
  }

  @Test
  void shouldForwardABurstOfOutputScrollingAtEveryFrame() {
    TestScreen screen = new TestScreen(policy());
    screen.capture(0);
    for (int frame = 1; frame <= 28; frame++) { // nearly three seconds of `ls -R`
      screen.lines(10, 30, frame);
      assertEquals(Verdict.CHANGE, screen.capture(frame * 100L), "frame " + frame);
    }
  }

  @Test
  void shouldNotForwardABlinkingCursor() {
    VerdictPolicy policy = policy();
    TestScreen screen = new TestScreen(policy);
    screen.glyph(40, 40, 1).capture(0);
    Map<Verdict, Integer> counts = tally();
    long at = 0;
    for (int blink = 0; blink < 40; blink++) {
      at += blink % 2 == 0 ? 600 : 300; // on 600 ms, off 300 ms, as xterm blinks
      screen.fill(47, 40, 6, 10, blink % 2 == 0 ? 0xE0E0E0 : 0x203040);
      counts.merge(screen.capture(at), 1, Integer::sum);
    }
    assertEquals(1, counts.get(Verdict.CHANGE), "only the first appearance: " + counts);
    // A screen seen before while the blink is learned, then noise of a volatile tile.
    assertEquals(39, counts.get(Verdict.REVISIT) + counts.get(Verdict.MINOR), counts.toString());
    assertTrue(counts.get(Verdict.MINOR) >= 30, "learned within a few blinks: " + counts);
    assertTrue(policy.isVolatile(0, 1 * 8 + 1, at * TestScreen.MS), "and the tile is volatile");
  }

  @Test
  void shouldForwardEveryCharacterTypedAtABlinkingCursor() {
    TestScreen screen = new TestScreen(policy());
    screen.capture(0);
    long at = 0;
    for (int blink = 0; blink < 20; blink++) {
      at += 500;
      screen.fill(40, 40, 6, 10, blink % 2 == 0 ? 0xE0E0E0 : 0x203040);
      screen.capture(at);
    }
    SplittableRandom random = new SplittableRandom(5);
    for (int c = 0; c < 8; c++) {
      at += 100 * (2 + random.nextInt(4)); // typed into the blinking tile, 200 to 500 ms apart
      screen.glyph(40 + 6 * c, 40, 100 + c).fill(46 + 6 * c, 40, 6, 10, 0xE0E0E0);
      assertEquals(Verdict.CHANGE, screen.capture(at), "character " + c);
    }
  }

  @Test
  void shouldForwardTheCaretMovingIntoTheNextTileBesideABlinkingOne() {
    // A text field's caret blinks at the end of the text in one tile; a typed space moves it into
    // the next tile: its old tile returns to the caret-off look, the new one shows a bare caret.
    TestScreen screen = new TestScreen(policy());
    screen.glyph(20, 40, 1).capture(0);
    long at = 0;
    for (int blink = 0; blink <= 20; blink++) { // ends on
      at += 500;
      screen.fill(60, 38, 1, 14, blink % 2 == 0 ? 0x000000 : 0x203040);
      screen.capture(at);
    }
    at += 500;
    screen.fill(60, 38, 1, 14, 0x203040).fill(66, 38, 1, 14, 0x000000);
    assertEquals(Verdict.CHANGE, screen.capture(at), "a space typed");
  }

  @Test
  void shouldForwardIrregularTypingThatKeepsChangingTheSameTiles() {
    // A calculator display: every key replaces the digits in the same place.
    TestScreen screen = new TestScreen(policy());
    screen.capture(0);
    SplittableRandom random = new SplittableRandom(11);
    long at = 0;
    for (int key = 1; key <= 400; key++) {
      at += 120 + random.nextInt(480); // human intervals: 120 to 600 ms
      at -= at % 100; // sampled at 10 FPS
      screen.glyph(200, 60, key).glyph(206, 60, key / 7).glyph(212, 60, key / 49);
      assertEquals(Verdict.CHANGE, screen.capture(at), "key " + key);
    }
  }

  @Test
  void shouldNeverTurnABloomFalsePositiveIntoAnything() {
    // A bloom history of a few bytes: nearly every hit is a false positive.
    VerdictPolicy policy =
        new VerdictPolicy(
            Duration.ofMinutes(5),
            1,
            64,
            0.5,
            BloomKind.BLOCKED,
            VolatilityParameters.defaults(),
            32);
    TestScreen screen = new TestScreen(policy);
    screen.capture(0);
    for (int n = 1; n <= 500; n++) {
      screen.glyph((n % 40) * 6, (n / 40 % 12) * 10, n);
      assertEquals(Verdict.CHANGE, screen.capture(n * 1300L), "frame " + n);
    }
    assertTrue(policy.bloomFalsePositives() > 100, "caught: " + policy.bloomFalsePositives());
  }

  @Test
  void shouldPublishTheBloomGenerationsForStatus() {
    VerdictPolicy policy = policy();
    new TestScreen(policy).capture(0);
    assertEquals(1, policy.snapshot().bloomGenerations().size());
    assertEquals(
        1 + 8 * 4, policy.snapshot().rememberedFrames() + policy.snapshot().rememberedTiles());
  }
}

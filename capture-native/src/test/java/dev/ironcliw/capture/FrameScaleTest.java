package dev.ironcliw.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ironcliw.ring.Rect;
import org.junit.jupiter.api.Test;

class FrameScaleTest {
  private static final FrameScale HALF = new FrameScale(2);

  @Test
  void shouldTakeRectanglesToFramePixelsOutwardsWithinTheHalfImage() {
    assertEquals(new Rect(5, 5, 3, 2), HALF.toFrame(new Rect(11, 10, 4, 3), 101, 51));
    assertEquals(new Rect(49, 24, 1, 1), HALF.toFrame(new Rect(98, 48, 3, 3), 101, 51));
    assertEquals(0, HALF.toFrame(new Rect(100, 50, 1, 1), 101, 51).width(), "a left out column");
    Rect same = new Rect(11, 10, 4, 3);
    assertEquals(same, FrameScale.ONE.toFrame(same, 101, 51));
  }

  @Test
  void shouldTakeFramePixelsBackToThePixelsTheyWereMadeFrom() {
    assertEquals(new Rect(10, 20, 6, 8), HALF.toDisplay(new Rect(5, 10, 3, 4)));
    assertEquals(50, HALF.frameSize(101));
    assertEquals(101, FrameScale.ONE.frameSize(101));
    assertThrows(IllegalArgumentException.class, () -> new FrameScale(0));
  }
}

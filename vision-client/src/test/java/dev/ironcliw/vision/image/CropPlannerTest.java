package dev.ironcliw.vision.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ironcliw.ring.Rect;
import java.util.List;
import org.junit.jupiter.api.Test;

class CropPlannerTest {
  @Test
  void shouldPadEachRegionAndClipItToTheFrame() {
    List<Rect> crops = CropPlanner.plan(List.of(new Rect(5, 100, 40, 20)), 200, 150, 16, 3);
    assertEquals(List.of(new Rect(0, 84, 61, 52)), crops);
  }

  @Test
  void shouldMergeRegionsThatOverlapOnceMerged() {
    // The first two touch after padding; their union then reaches the third.
    List<Rect> crops =
        CropPlanner.plan(
            List.of(new Rect(0, 0, 10, 10), new Rect(20, 0, 10, 10), new Rect(34, 14, 10, 10)),
            100,
            100,
            5,
            3);
    assertEquals(List.of(new Rect(0, 0, 49, 29)), crops);
  }

  @Test
  void shouldKeepSeparateRegionsLargestFirst() {
    List<Rect> crops =
        CropPlanner.plan(
            List.of(new Rect(0, 0, 10, 10), new Rect(200, 200, 50, 40)), 400, 400, 0, 3);
    assertEquals(List.of(new Rect(200, 200, 50, 40), new Rect(0, 0, 10, 10)), crops);
  }

  @Test
  void shouldSendAScatteredChangeAsItsBoundingBox() {
    List<Rect> crops =
        CropPlanner.plan(
            List.of(new Rect(0, 0, 8, 8), new Rect(100, 0, 8, 8), new Rect(0, 100, 8, 8)),
            400,
            400,
            0,
            2);
    assertEquals(List.of(new Rect(0, 0, 108, 108)), crops);
  }

  @Test
  void shouldPlanNothingForNoChange() {
    assertEquals(List.of(), CropPlanner.plan(List.of(), 100, 100, 16, 3));
  }
}

package dev.ironcliw.vision.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.config.VisionImageSettings;
import dev.ironcliw.ring.FrameView;
import dev.ironcliw.ring.Rect;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeImagesTest {
  private static final VisionImageSettings SETTINGS =
      new VisionImageSettings(1568, 3 << 20, 16, 3, 0.25, 640);
  private final FrameView frame = TestFrames.paint(1920, 1080, (x, y) -> (x ^ y) & 0xFF);

  @Test
  void shouldSendOnlyCropsForASmallChange() {
    List<FrameCrop> images =
        new ChangeImages(SETTINGS).of(frame, List.of(new Rect(100, 100, 64, 32)));
    assertEquals(1, images.size());
    assertFalse(images.getFirst().context());
    assertEquals(new Rect(84, 84, 96, 64), images.getFirst().source());
    assertEquals(96, images.getFirst().width());
  }

  @Test
  void shouldAddTheWholeFrameForContextWhenTheChangeIsLarge() {
    List<FrameCrop> images =
        new ChangeImages(SETTINGS)
            .of(frame, List.of(new Rect(0, 0, 1200, 700), new Rect(1800, 1000, 32, 32)));
    assertEquals(3, images.size());
    FrameCrop context = images.getFirst();
    assertTrue(context.context());
    assertEquals(640, context.width());
    assertEquals(360, context.height());
    assertEquals(new Rect(0, 0, 1216, 716), images.get(1).source());
    assertEquals(new Rect(1784, 984, 64, 64), images.get(2).source());
  }

  @Test
  void shouldLeaveOutACropTheContextImageAlreadyShows() {
    List<FrameCrop> images =
        new ChangeImages(SETTINGS).of(frame, List.of(new Rect(0, 0, 1920, 1080)));
    assertEquals(1, images.size());
    assertTrue(images.getFirst().context());
  }

  @Test
  void shouldSendOneSmallerCropAndNoContextWhenReduced() {
    List<FrameCrop> images =
        new ChangeImages(SETTINGS)
            .reduced()
            .of(frame, List.of(new Rect(0, 0, 1200, 700), new Rect(1800, 1000, 32, 32)));
    assertEquals(1, images.size(), "the two regions as one bounding box, no context");
    assertFalse(images.getFirst().context());
    assertEquals(784, images.getFirst().width(), "half of 1568");
  }

  @Test
  void shouldDownscaleALargeCropToTheLongEdgeLimit() {
    VisionImageSettings small = new VisionImageSettings(512, 3 << 20, 0, 3, 0.9, 640);
    List<FrameCrop> images = new ChangeImages(small).of(frame, List.of(new Rect(0, 0, 1024, 256)));
    assertEquals(1, images.size());
    assertEquals(512, images.getFirst().width());
    assertEquals(128, images.getFirst().height());
  }
}

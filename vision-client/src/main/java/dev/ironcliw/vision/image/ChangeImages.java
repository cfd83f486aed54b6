package dev.ironcliw.vision.image;

import dev.ironcliw.config.VisionImageSettings;
import dev.ironcliw.ring.FrameView;
import dev.ironcliw.ring.Rect;
import java.util.ArrayList;
import java.util.List;

/**
 * What of a CHANGE frame is sent: crops of its changed regions and, when the change covers more
 * than {@code contextShare} of the frame, the whole frame downscaled for context. Privacy
 * exclusions were blanked before the frame reached the ring, so no crop can hold them.
 */
public final class ChangeImages {
  /** A crop covering this much of the frame is left out when the context image shows it all. */
  private static final double CROP_COVERED_BY_CONTEXT = 0.8;

  private final VisionImageSettings settings;
  private final boolean withContextImages;

  public ChangeImages(VisionImageSettings settings) {
    this(settings, true);
  }

  private ChangeImages(VisionImageSettings settings, boolean withContextImages) {
    this.settings = settings;
    this.withContextImages = withContextImages;
  }

  /**
   * Fewer, smaller images, for memory pressure: one crop per frame at half the long edge, no
   * context image.
   */
  public ChangeImages reduced() {
    return new ChangeImages(
        new VisionImageSettings(
            Math.max(64, settings.maxLongEdge() / 2),
            settings.maxBytes(),
            settings.padding(),
            1,
            settings.contextShare(),
            settings.contextLongEdge()),
        false);
  }

  /**
   * Copies the images out of {@code frame}, which the caller holds in the ring; empty when the
   * frame was overwritten while being copied.
   */
  public List<FrameCrop> of(FrameView frame, List<Rect> changed) {
    long frameArea = (long) frame.width() * frame.height();
    long changedArea = 0;
    for (Rect r : changed) {
      changedArea += CropPlanner.area(r);
    }
    boolean withContext = withContextImages && changedArea > settings.contextShare() * frameArea;
    List<FrameCrop> images = new ArrayList<>();
    if (withContext) {
      images.add(
          Downscaler.copy(
              frame,
              new Rect(0, 0, frame.width(), frame.height()),
              settings.contextLongEdge(),
              true));
    }
    for (Rect crop :
        CropPlanner.plan(
            changed,
            frame.width(),
            frame.height(),
            settings.padding(),
            settings.maxCropsPerFrame())) {
      if (withContext && CropPlanner.area(crop) >= CROP_COVERED_BY_CONTEXT * frameArea) {
        continue;
      }
      images.add(Downscaler.copy(frame, crop, settings.maxLongEdge(), false));
    }
    return frame.stillValid() ? List.copyOf(images) : List.of();
  }
}

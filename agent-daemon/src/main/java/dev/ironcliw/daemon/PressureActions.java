package dev.ironcliw.daemon;

import dev.ironcliw.config.IroncliwConfig;
import dev.ironcliw.governor.pressure.PressureLevel;
import dev.ironcliw.vision.VisionProvider;
import dev.ironcliw.vision.image.ChangeImages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What the daemon does at each memory-pressure level; every level sets all of it, so falling back
 * to a lower level undoes what a higher one did.
 *
 * <ul>
 *   <li>MEDIUM: one smaller crop per CHANGE frame and no context image.
 *   <li>HIGH: also capture at half the configured rate, and vision holds its batches.
 *   <li>CRITICAL: also the waiting batches are dropped and capture pauses until the level falls.
 * </ul>
 */
final class PressureActions {
  static final String CRITICAL_PAUSE = "memory pressure critical";

  private final CaptureAgent capture;
  private final PipelineAgent pipeline;
  private final VisionProvider vision;
  private final ChangeImages fullImages;
  private final Supplier<IroncliwConfig> config;
  private PressureLevel level = PressureLevel.LOW;
  private List<String> active = List.of();

  /**
   * @param fullImages the images CHANGE frames get without pressure; null when vision is off
   */
  PressureActions(
      CaptureAgent capture,
      PipelineAgent pipeline,
      VisionProvider vision,
      ChangeImages fullImages,
      Supplier<IroncliwConfig> config) {
    this.capture = capture;
    this.pipeline = pipeline;
    this.vision = vision;
    this.fullImages = fullImages;
    this.config = config;
  }

  /** Sets everything for {@code next}; returns what is in force, one phrase per action. */
  synchronized List<String> apply(PressureLevel next) {
    level = next;
    List<String> actions = new ArrayList<>();
    boolean medium = next.compareTo(PressureLevel.MEDIUM) >= 0;
    boolean high = next.compareTo(PressureLevel.HIGH) >= 0;
    boolean critical = next == PressureLevel.CRITICAL;
    if (fullImages != null) {
      pipeline.useImages(medium ? fullImages.reduced() : fullImages);
      if (medium) {
        actions.add("one smaller crop per frame, no context image");
      }
    }
    double fps = config.get().capture().framesPerSecond();
    capture.setFramesPerSecond(high ? fps / 2 : fps);
    vision.setPaused(high);
    if (high) {
      actions.add(String.format(Locale.ROOT, "capture at %.1f FPS", fps / 2));
      actions.add("vision batches held");
    }
    if (critical) {
      vision.dropQueued();
      capture.hold(CRITICAL_PAUSE);
      actions.add("waiting vision batches dropped");
      actions.add("capture paused");
    } else {
      capture.release();
    }
    active = List.copyOf(actions);
    return active;
  }

  /** Sets the current level's actions again, e.g. after capture.fps changed. */
  synchronized List<String> reapply() {
    return apply(level);
  }

  synchronized List<String> active() {
    return active;
  }
}

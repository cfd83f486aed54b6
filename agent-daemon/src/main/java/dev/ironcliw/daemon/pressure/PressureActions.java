package dev.ironcliw.daemon.pressure;

import static dev.ironcliw.config.schema.PressureActionNames.DROP_QUEUED;
import static dev.ironcliw.config.schema.PressureActionNames.FEWER_IMAGES;
import static dev.ironcliw.config.schema.PressureActionNames.HALVE_CAPTURE;
import static dev.ironcliw.config.schema.PressureActionNames.HOLD_VISION;
import static dev.ironcliw.config.schema.PressureActionNames.MINIMUM_RING;
import static dev.ironcliw.config.schema.PressureActionNames.PAUSE_CAPTURE;
import static dev.ironcliw.config.schema.PressureActionNames.SHRINK_RING;

import dev.ironcliw.config.IroncliwConfig;
import dev.ironcliw.config.MemorySettings;
import dev.ironcliw.daemon.pipeline.CaptureAgent;
import dev.ironcliw.daemon.pipeline.PipelineAgent;
import dev.ironcliw.daemon.pipeline.RingSizing;
import dev.ironcliw.governor.pressure.PressureLevel;
import dev.ironcliw.vision.VisionProvider;
import dev.ironcliw.vision.image.ChangeImages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What the daemon does at each memory-pressure level, as {@code memory.pressure.actions.*} lists
 * it. Every level sets every action, on or off, so falling to a lower level undoes what a higher
 * one did; an action is in force while the current level lists it.
 */
public final class PressureActions {
  public static final String CRITICAL_PAUSE = pauseReason(PressureLevel.CRITICAL);
  private static final String HOLDER = "memory pressure";

  private final CaptureAgent capture;
  private final PipelineAgent pipeline;
  private final VisionProvider vision;
  private final ChangeImages fullImages;
  private final RingSizing ring;
  private final Supplier<IroncliwConfig> config;
  private PressureLevel level = PressureLevel.LOW;
  private List<String> active = List.of();
  private List<String> activeNames = List.of();

  /**
   * @param fullImages the images CHANGE frames get without pressure; null when vision is off
   */
  public PressureActions(
      CaptureAgent capture,
      PipelineAgent pipeline,
      VisionProvider vision,
      ChangeImages fullImages,
      RingSizing ring,
      Supplier<IroncliwConfig> config) {
    this.capture = capture;
    this.pipeline = pipeline;
    this.vision = vision;
    this.fullImages = fullImages;
    this.ring = ring;
    this.config = config;
  }

  /**
   * Why capture is paused while {@code level} lists {@code pauseCapture}: "memory pressure high".
   */
  public static String pauseReason(PressureLevel level) {
    return "memory pressure " + level.name().toLowerCase(Locale.ROOT);
  }

  /** The actions {@code level} lists in {@code settings}; none at LOW. */
  static List<String> listed(MemorySettings settings, PressureLevel level) {
    return switch (level) {
      case LOW -> List.of();
      case MEDIUM -> settings.mediumActions();
      case HIGH -> settings.highActions();
      case CRITICAL -> settings.criticalActions();
    };
  }

  /** Sets everything for {@code next}; returns what is in force, one phrase per action. */
  synchronized List<String> apply(PressureLevel next) {
    IroncliwConfig now = config.get();
    List<String> on = listed(now.memory(), next);
    List<String> phrases = new ArrayList<>();
    if (fullImages != null) {
      boolean fewer = on.contains(FEWER_IMAGES);
      pipeline.useImages(fewer ? fullImages.reduced() : fullImages);
      if (fewer) {
        phrases.add("one smaller crop per frame, no context image");
      }
    }
    double fps = now.capture().framesPerSecond();
    boolean halve = on.contains(HALVE_CAPTURE);
    capture.setFramesPerSecond(halve ? fps / 2 : fps);
    if (halve) {
      phrases.add(String.format(Locale.ROOT, "capture at %.1f FPS", fps / 2));
    }
    RingSizing.Limit limit =
        on.contains(MINIMUM_RING)
            ? RingSizing.Limit.MINIMUM
            : on.contains(SHRINK_RING) ? RingSizing.Limit.HALF : RingSizing.Limit.NONE;
    ring.setLimit(limit);
    if (limit != RingSizing.Limit.NONE) {
      phrases.add("ring cut to " + ring.targetSlots() + " slots");
    }
    boolean hold = on.contains(HOLD_VISION);
    vision.setPaused(hold);
    if (hold) {
      phrases.add("vision batches held");
    }
    if (on.contains(DROP_QUEUED)) {
      vision.dropQueued();
      phrases.add("waiting vision batches dropped");
    }
    if (on.contains(PAUSE_CAPTURE)) {
      capture.hold(HOLDER, pauseReason(next));
      phrases.add("capture paused");
    } else {
      capture.release(HOLDER);
    }
    active = List.copyOf(phrases);
    activeNames = List.copyOf(on);
    level = next;
    return active;
  }

  /** The level whose actions are in force: set once they all are, not when the governor moves. */
  synchronized PressureLevel level() {
    return level;
  }

  /** Sets the current level's actions again, e.g. after capture.fps or an action list changed. */
  public synchronized List<String> reapply() {
    return apply(level);
  }

  synchronized List<String> active() {
    return active;
  }

  /** The names of the actions in force, from {@code memory.pressure.actions.*}. */
  synchronized List<String> activeNames() {
    return activeNames;
  }
}

package dev.ironcliw.vision;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Picks the provider named by {@code vision.provider}, logging the choice once. */
public final class VisionProviders {
  private static final Logger LOG = LoggerFactory.getLogger(VisionProviders.class);

  private VisionProviders() {}

  public static VisionProvider select(String configured) {
    return switch (configured) {
      case "none" -> new NoVisionProvider();
      case "auto" -> {
        LOG.info(
            "vision: provider auto chose none (the Anthropic and OpenAI-compatible providers are"
                + " not built yet); changed frames are journaled only");
        yield new NoVisionProvider();
      }
      default -> throw new IllegalArgumentException("unknown vision provider " + configured);
    };
  }
}

package dev.ironcliw.daemon;

import dev.ironcliw.config.DiffSettings;
import dev.ironcliw.diff.DiffEngine;
import dev.ironcliw.diff.ScalarTileDiffEngine;
import dev.ironcliw.diff.SimdTileDiffEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Picks the diff engine for {@code diff.backend}, with the reason shown in status. */
final class DiffEngines {
  private static final Logger LOG = LoggerFactory.getLogger(DiffEngines.class);

  /**
   * The engine and why it was chosen.
   *
   * @param engine the engine
   * @param reason one line for status and the log
   */
  record Choice(DiffEngine engine, String reason) {}

  private DiffEngines() {}

  static Choice select(DiffSettings settings) {
    try {
      DiffEngine simd =
          new SimdTileDiffEngine(settings.tileSize(), settings.tileThreshold(), settings.threads());
      String reason =
          settings.backend().equals("cpu")
              ? "diff.backend is cpu"
              : "auto: no GPU backend is built yet, so the CPU Vector API engine";
      LOG.info("diff: {} ({})", simd.backend(), reason);
      return new Choice(simd, reason);
    } catch (LinkageError e) {
      // Started without --add-modules=jdk.incubator.vector: same results, slower.
      String reason = "the Vector API module is not available (" + e + "); scalar reference engine";
      LOG.warn("diff: {}", reason);
      return new Choice(
          new ScalarTileDiffEngine(settings.tileSize(), settings.tileThreshold()), reason);
    }
  }
}

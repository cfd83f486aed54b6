package dev.ironcliw.config;

import java.util.Set;

/**
 * A valid new configuration replacing the running one.
 *
 * @param previous the configuration that was running
 * @param current the new configuration
 * @param liveKeys changed keys a running daemon applies now
 * @param restartKeys changed keys that take effect at the next start
 */
public record ConfigChange(
    IroncliwConfig previous,
    IroncliwConfig current,
    Set<String> liveKeys,
    Set<String> restartKeys) {

  public ConfigChange {
    liveKeys = Set.copyOf(liveKeys);
    restartKeys = Set.copyOf(restartKeys);
  }
}

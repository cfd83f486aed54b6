package dev.ironcliw.benchmarks.support;

import dev.ironcliw.config.privacy.EncryptionSettings;
import dev.ironcliw.daemon.vault.HistoryKeys;
import dev.ironcliw.daemon.vault.HistoryVault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A history's keys for a benchmark, as the daemon opens them, all under a temporary dir. */
public final class ThrowawayKeys {
  private ThrowawayKeys() {}

  /** New keys with their key file in {@code dir}/config and their data dir {@code dir}/data. */
  public static HistoryKeys under(Path dir) throws IOException {
    Path data = Files.createDirectory(dir.resolve("data"));
    return HistoryVault.open(
            new EncryptionSettings(true, "file", dir.resolve("config/history.key")), data, Map.of())
        .keys();
  }
}

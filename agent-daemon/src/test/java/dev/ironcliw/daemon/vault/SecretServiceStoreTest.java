package dev.ironcliw.daemon.vault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.config.privacy.EncryptionSettings;
import dev.ironcliw.daemon.crypto.DataKey;
import dev.ironcliw.daemon.lifecycle.StartupException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The master key in a real Secret Service (GNOME Keyring on a D-Bus session of the test's own),
 * through secret-tool: kept, found again, chosen by auto when the session has one; and a session
 * whose keyring is gone is one line at start, with nothing touched.
 */
class SecretServiceStoreTest {
  @TempDir Path home;
  @TempDir Path dataDir;
  @TempDir Path configDir;

  @Test
  void shouldKeepReplaceAndFindTheKey() throws Exception {
    try (SessionKeyring session = SessionKeyring.start(home)) {
      SecretServiceStore store = new SecretServiceStore(session.env());
      assertEquals(Optional.empty(), store.read());
      store.write("1:AAAA");
      assertEquals(Optional.of("1:AAAA"), store.read());
      store.write("2:BBBB,1:AAAA");
      assertEquals(Optional.of("2:BBBB,1:AAAA"), store.read());
    }
  }

  @Test
  void shouldBeChosenWhereTheSessionHasOneAndRefuseToStartWhenItIsGone() throws Exception {
    EncryptionSettings auto =
        new EncryptionSettings(true, "auto", configDir.resolve("history.key"));
    DataKey made;
    try (SessionKeyring session = SessionKeyring.start(home)) {
      HistoryVault.Opened opened = HistoryVault.open(auto, dataDir, session.env());
      try (HistoryKeys keys = opened.keys()) {
        assertTrue(opened.message().contains("the Secret Service"), opened.message());
        made = keys.keyFor(60_000, "XTerm");
      }
      assertFalse(Files.exists(configDir.resolve("history.key")), "no key file beside it");
      assertEquals(
          "secret-service",
          HistoryKeys.readHeader(dataDir.resolve(HistoryVault.KEYS_FILE)).storeName());
      try (HistoryKeys keys = HistoryVault.open(auto, dataDir, session.env()).keys()) {
        assertArrayEquals(made.key().getEncoded(), keys.keyFor(60_000, "XTerm").key().getEncoded());
      }
      byte[] before = Files.readAllBytes(dataDir.resolve(HistoryVault.KEYS_FILE));
      session.stop();
      StartupException e =
          assertThrows(
              StartupException.class, () -> HistoryVault.open(auto, dataDir, session.env()));
      assertTrue(e.getMessage().contains("cannot be asked"), e.getMessage());
      assertEquals(1, e.getMessage().lines().count(), e.getMessage());
      assertArrayEquals(before, Files.readAllBytes(dataDir.resolve(HistoryVault.KEYS_FILE)));
      assertFalse(Files.exists(configDir.resolve("history.key")), "no key file made instead");
    }
  }
}

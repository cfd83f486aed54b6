package dev.ironcliw.daemon.vault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.config.privacy.EncryptionSettings;
import dev.ironcliw.daemon.crypto.DataKey;
import dev.ironcliw.daemon.crypto.Gcm;
import dev.ironcliw.daemon.lifecycle.ExitCodes;
import dev.ironcliw.daemon.lifecycle.StartupException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening the history's keys at start: a new history makes its master key in a 0600 file when the
 * session has no keyring; a reopened one gets the same data keys; a wrong, missing or exposed key
 * is one line, and nothing in the data dir is touched.
 */
class HistoryVaultTest {
  private static final long MINUTE = 60_000;

  @TempDir Path dataDir;
  @TempDir Path configDir;

  private EncryptionSettings settings(String store) {
    return new EncryptionSettings(true, store, configDir.resolve("keys/history.key"));
  }

  @Test
  void shouldKeepTheMasterKeyInAnOwnerOnlyFileAndGiveTheSameDataKeysAfterARestart()
      throws Exception {
    DataKey firstMinute;
    DataKey index;
    HistoryVault.Opened opened = HistoryVault.open(settings("auto"), dataDir, Map.of());
    try (HistoryKeys keys = opened.keys()) {
      assertTrue(opened.sealNew());
      assertTrue(
          opened.message().contains("the key file " + configDir.resolve("keys/history.key")),
          opened.message());
      assertTrue(opened.message().contains("no Secret Service"), opened.message());
      firstMinute = keys.keyFor(1000 * MINUTE + 5, "XTerm");
      assertEquals(firstMinute, keys.keyFor(1000 * MINUTE + 59_999, "XTerm"));
      assertNotEquals(firstMinute.id(), keys.keyFor(1001 * MINUTE, "XTerm").id());
      assertNotEquals(firstMinute.id(), keys.keyFor(1000 * MINUTE, "Firefox").id());
      index = keys.indexKey();
    }
    Path keyFile = configDir.resolve("keys/history.key");
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
    assertEquals(
        "rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile.getParent())));

    try (HistoryKeys keys = HistoryVault.open(settings("auto"), dataDir, Map.of()).keys()) {
      DataKey again = keys.keyFor(1000 * MINUTE + 30_000, "XTerm");
      assertEquals(firstMinute.id(), again.id());
      assertArrayEquals(firstMinute.key().getEncoded(), again.key().getEncoded());
      assertArrayEquals(index.key().getEncoded(), keys.indexKey().key().getEncoded());
      assertEquals(4, keys.size());
    }
  }

  @Test
  void shouldRefuseAWrongKeyInOneLineAndTouchNothing() throws Exception {
    HistoryVault.open(settings("file"), dataDir, Map.of()).keys().close();
    Path keysFile = dataDir.resolve(HistoryVault.KEYS_FILE);
    byte[] before = Files.readAllBytes(keysFile);
    new KeyFileStore(configDir.resolve("keys/history.key"))
        .write(MasterKeys.of(new MasterKeys.Numbered(1, Gcm.newKeyBytes())).text());

    StartupException e =
        assertThrows(
            StartupException.class, () -> HistoryVault.open(settings("auto"), dataDir, Map.of()));
    assertOneLine(e, "does not open it");
    assertEquals(ExitCodes.FAILURE, e.exitCode());
    assertArrayEquals(before, Files.readAllBytes(keysFile));
    assertEquals(List.of(keysFile), list(dataDir));
  }

  @Test
  void shouldRefuseAMissingKeyRatherThanStartANewOne() throws Exception {
    HistoryVault.open(settings("file"), dataDir, Map.of()).keys().close();
    Files.delete(configDir.resolve("keys/history.key"));
    StartupException e =
        assertThrows(
            StartupException.class, () -> HistoryVault.open(settings("auto"), dataDir, Map.of()));
    assertOneLine(e, "holds no key of Ironcliw");
    assertFalse(Files.exists(configDir.resolve("keys/history.key")), "a new key was made");
  }

  @Test
  void shouldRefuseAKeyFileOthersCanReadOrOneInsideTheDataDir() throws Exception {
    HistoryVault.open(settings("file"), dataDir, Map.of()).keys().close();
    Path keyFile = configDir.resolve("keys/history.key");
    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
    StartupException exposed =
        assertThrows(
            StartupException.class, () -> HistoryVault.open(settings("file"), dataDir, Map.of()));
    assertOneLine(exposed, "chmod 600");

    EncryptionSettings inside =
        new EncryptionSettings(true, "file", dataDir.resolve("history.key"));
    StartupException besideIt =
        assertThrows(StartupException.class, () -> HistoryVault.open(inside, dataDir, Map.of()));
    assertOneLine(besideIt, "is inside the data dir");
    assertEquals(ExitCodes.USAGE, besideIt.exitCode());
  }

  @Test
  void shouldOpenAHistoryWithTheStoreItWasEncryptedWith() throws Exception {
    HistoryVault.open(settings("file"), dataDir, Map.of()).keys().close();
    StartupException e =
        assertThrows(
            StartupException.class,
            () -> HistoryVault.open(settings("secret-service"), dataDir, Map.of()));
    assertOneLine(e, "privacy.key.store says secret-service; set it to auto or file");
  }

  @Test
  void shouldDropADataKeyCutShortByACrashAndKeepTheOthers() throws Exception {
    int before;
    try (HistoryKeys keys = HistoryVault.open(settings("file"), dataDir, Map.of()).keys()) {
      keys.keyFor(5 * MINUTE, "XTerm");
      before = keys.size();
    }
    Files.write(
        dataDir.resolve(HistoryVault.KEYS_FILE),
        new byte[] {0, 0, 0, 80, 1, 2, 3},
        StandardOpenOption.APPEND);
    try (HistoryKeys keys = HistoryVault.open(settings("file"), dataDir, Map.of()).keys()) {
      assertEquals(before, keys.size());
      DataKey next = keys.keyFor(6 * MINUTE, "XTerm");
      assertEquals(before + 1, keys.size());
      assertTrue(next.id() > 0);
    }
    try (HistoryKeys keys = HistoryVault.open(settings("file"), dataDir, Map.of()).keys()) {
      assertEquals(before + 1, keys.size());
    }
  }

  @Test
  void shouldRotateTheMasterKeyAndKeepEveryDataKey() throws Exception {
    DataKey before;
    try (HistoryKeys keys = HistoryVault.open(settings("file"), dataDir, Map.of()).keys()) {
      before = keys.keyFor(7 * MINUTE, "XTerm");
    }
    KeyFileStore store = new KeyFileStore(configDir.resolve("keys/history.key"));
    String oldText = store.read().orElseThrow();

    String said = HistoryVault.rotate(settings("auto"), dataDir, Map.of());
    assertTrue(said.contains("master key 2"), said);
    assertTrue(said.contains("master key 1 is gone"), said);
    MasterKeys now = MasterKeys.parse(store.read().orElseThrow());
    assertEquals(List.of(2), now.keys().stream().map(MasterKeys.Numbered::id).toList());
    assertEquals(2, HistoryKeys.readHeader(dataDir.resolve(HistoryVault.KEYS_FILE)).masterKeyId());

    try (HistoryKeys keys = HistoryVault.open(settings("auto"), dataDir, Map.of()).keys()) {
      DataKey after = keys.keyFor(7 * MINUTE, "XTerm");
      assertEquals(before.id(), after.id());
      assertArrayEquals(before.key().getEncoded(), after.key().getEncoded());
    }
    // The old master key no longer opens the history.
    store.write(oldText);
    StartupException e =
        assertThrows(
            StartupException.class, () -> HistoryVault.open(settings("auto"), dataDir, Map.of()));
    assertOneLine(e, "is not the one it was encrypted with (master key 2)");
  }

  /** As the running daemon rotates: its keys go on, and what it adds and destroys after is kept. */
  @Test
  void shouldRotateTheKeysInUseAndWrapTheKeysMadeAfterUnderTheNewMasterKey() throws Exception {
    DataKey before;
    DataKey after;
    DataKey doomed;
    HistoryVault.Opened opened = HistoryVault.open(settings("file"), dataDir, Map.of());
    try (HistoryKeys keys = opened.keys()) {
      before = keys.keyFor(7 * MINUTE, "XTerm");
      doomed = keys.keyFor(8 * MINUTE, "Firefox");
      String said = HistoryVault.rotate(keys, opened.store(), dataDir);
      assertTrue(said.contains("master key 2") && said.contains("master key 1 is gone"), said);
      after = keys.keyFor(9 * MINUTE, "XTerm");
      assertEquals(1, keys.destroy(8 * MINUTE, 8 * MINUTE + 1, "Firefox"));
      assertNull(keys.key(doomed.id()));
    }
    try (HistoryKeys keys = HistoryVault.open(settings("auto"), dataDir, Map.of()).keys()) {
      assertArrayEquals(
          before.key().getEncoded(), keys.keyFor(7 * MINUTE, "XTerm").key().getEncoded());
      assertArrayEquals(
          after.key().getEncoded(), keys.keyFor(9 * MINUTE, "XTerm").key().getEncoded());
      assertNull(keys.key(doomed.id()), "destroyed after the rotation, and gone");
    }
  }

  @Test
  void shouldHaveNoKeysWhenEncryptionIsOffAndNothingWasEncrypted() {
    HistoryVault.Opened opened =
        HistoryVault.open(
            new EncryptionSettings(false, "auto", configDir.resolve("history.key")),
            dataDir,
            Map.of());
    assertNull(opened.keys());
    assertFalse(opened.sealNew());
    assertFalse(Files.exists(configDir.resolve("history.key")));
  }

  private static void assertOneLine(StartupException e, String part) {
    assertTrue(e.getMessage().contains(part), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }

  private static List<Path> list(Path dir) throws Exception {
    try (var files = Files.list(dir)) {
      return files.toList();
    }
  }
}

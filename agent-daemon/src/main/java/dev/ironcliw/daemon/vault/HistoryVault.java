package dev.ironcliw.daemon.vault;

import dev.ironcliw.config.PlatformPaths;
import dev.ironcliw.config.privacy.EncryptionSettings;
import dev.ironcliw.daemon.crypto.Gcm;
import dev.ironcliw.daemon.lifecycle.ExitCodes;
import dev.ironcliw.daemon.lifecycle.StartupException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opens the history's keys at start, before anything in the data dir is read or written: the master
 * key from its store, then the data keys with it. Each way this can fail is one line, and a refusal
 * touches nothing: a history is never opened, or written on, in the clear because its key is
 * missing.
 *
 * <p>A new history takes its master key from the store {@code privacy.key.store} names (auto: the
 * macOS keychain; the Secret Service where the session has one; else the key file), or makes one
 * there. The store a history was first encrypted with is named in its key file, and is the one it
 * is opened with after.
 */
public final class HistoryVault {
  static final String KEYS_FILE = "history.keys";

  /**
   * The history's keys as opened.
   *
   * @param keys null when the history has none (not encrypted, and never was)
   * @param sealNew whether new records are sealed
   * @param store where the master key is; null when there are no keys
   * @param message the start line that says so
   */
  public record Opened(HistoryKeys keys, boolean sealNew, MasterKeyStore store, String message) {}

  private HistoryVault() {}

  /**
   * @throws StartupException with the one line to show when the key cannot be had, or is not the
   *     history's
   */
  public static Opened open(EncryptionSettings settings, Path dataDir, Map<String, String> env) {
    Path absoluteDir = dataDir.toAbsolutePath().normalize();
    Path keyFile = settings.keyFile().toAbsolutePath().normalize();
    if (keyFile.startsWith(absoluteDir)) {
      throw new StartupException(
          "privacy.key.file "
              + keyFile
              + " is inside the data dir: the key would sit beside what it locks; keep it"
              + " elsewhere (the default is "
              + PlatformPaths.defaultKeyFile()
              + ")",
          ExitCodes.USAGE);
    }
    Path keysFile = absoluteDir.resolve(KEYS_FILE);
    try {
      return openOrStart(settings, absoluteDir, keysFile, env);
    } catch (java.io.UncheckedIOException e) {
      throw refused(absoluteDir, e.getMessage() + " (" + e.getCause().getMessage() + ")");
    }
  }

  private static Opened openOrStart(
      EncryptionSettings settings, Path absoluteDir, Path keysFile, Map<String, String> env) {
    if (HistoryKeys.exist(keysFile)) {
      Existing existing = openExisting(settings, absoluteDir, keysFile, env);
      MasterKeyStore store = existing.store();
      String message =
          settings.encrypt()
              ? "history: encrypted (AES-256-GCM), its key in " + store.describe()
              : "history: new records are clear (privacy.encrypt: false); what was encrypted opens"
                  + " with the key in "
                  + store.describe();
      return new Opened(existing.keys(), settings.encrypt(), store, message);
    }
    if (!settings.encrypt()) {
      return new Opened(
          null,
          false,
          null,
          "history: not encrypted (privacy.encrypt: false); new records are clear");
    }
    return startNew(settings, absoluteDir, keysFile, env);
  }

  /** An encrypted history's keys, opened, and where its master key came from. */
  private record Existing(
      HistoryKeys keys, MasterKeyStore store, MasterKeys masters, HistoryKeys.Header header) {}

  /**
   * {@code ironcliw key rotate}, with no daemon on the data dir: {@link #rotate(HistoryKeys,
   * MasterKeyStore, Path)} on the history's keys, opened for it.
   *
   * @return what was done, in a line
   * @throws StartupException when the history's keys cannot be opened, or there are none
   */
  public static String rotate(EncryptionSettings settings, Path dataDir, Map<String, String> env) {
    Path absoluteDir = dataDir.toAbsolutePath().normalize();
    Path keysFile = absoluteDir.resolve(KEYS_FILE);
    if (!HistoryKeys.exist(keysFile)) {
      throw new StartupException(
          "no encrypted history in " + absoluteDir + " (no " + KEYS_FILE + "): nothing to rotate",
          ExitCodes.FAILURE);
    }
    Existing existing = openExisting(settings, absoluteDir, keysFile, env);
    try (HistoryKeys keys = existing.keys()) {
      return rotate(keys, existing.store(), absoluteDir);
    }
  }

  /**
   * A new master key in {@code store}, and the data keys of {@code keys} wrapped under it; the
   * running daemon's keys go on with it. The store holds the old key beside the new one until the
   * key file is written again, so a crash midway leaves a history that opens. The data keys
   * themselves stay: records are not sealed again.
   *
   * @return what was done, in a line
   * @throws StartupException when the store cannot be asked, or no longer holds the key in use
   */
  public static String rotate(HistoryKeys keys, MasterKeyStore store, Path dataDir) {
    MasterKeys masters;
    try {
      masters =
          MasterKeys.parse(
              store
                  .read()
                  .orElseThrow(
                      () ->
                          rotationRefused(dataDir, store.describe() + " no longer holds the key")));
    } catch (KeyStoreUnavailableException | IllegalArgumentException e) {
      throw rotationRefused(dataDir, "its key is in " + store.describe() + ": " + e.getMessage());
    }
    MasterKeys.Numbered current = masters.numbered(keys.masterKeyId());
    if (current == null) {
      throw rotationRefused(
          dataDir,
          store.describe() + " no longer holds master key " + keys.masterKeyId() + ", in use");
    }
    int nextId = masters.keys().stream().mapToInt(MasterKeys.Numbered::id).max().orElse(0) + 1;
    MasterKeys.Numbered next = new MasterKeys.Numbered(nextId, Gcm.newKeyBytes());
    try {
      store.write(new MasterKeys(List.of(next, current)).text());
      keys.rewrap(next);
      store.write(MasterKeys.of(next).text());
    } catch (KeyStoreUnavailableException e) {
      throw rotationRefused(
          dataDir, "the new key cannot be kept in " + store.describe() + ": " + e.getMessage());
    }
    return "rotated the key of the history in "
        + dataDir
        + ": master key "
        + next.id()
        + " in "
        + store.describe()
        + ", "
        + keys.size()
        + " data keys wrapped under it; master key "
        + current.id()
        + " is gone";
  }

  private static Existing openExisting(
      EncryptionSettings settings, Path dataDir, Path keysFile, Map<String, String> env) {
    HistoryKeys.Header header;
    try {
      header = HistoryKeys.readHeader(keysFile);
    } catch (RuntimeException e) {
      throw refused(dataDir, keysFile + " cannot be read: " + e.getMessage());
    }
    MasterKeyStore store = named(header.storeName(), settings, env);
    if (!settings.keyStore().equals("auto") && !settings.keyStore().equals(header.storeName())) {
      throw refused(
          dataDir,
          "its key is in "
              + store.describe()
              + ", and privacy.key.store says "
              + settings.keyStore()
              + "; set it to auto or "
              + header.storeName());
    }
    Optional<String> held;
    try {
      held = store.read();
    } catch (KeyStoreUnavailableException e) {
      throw refused(dataDir, "its key is in " + store.describe() + ": " + e.getMessage());
    }
    if (held.isEmpty()) {
      throw refused(
          dataDir,
          store.describe()
              + " holds no key of Ironcliw (was it deleted?); without the key the history cannot be"
              + " read: move the data dir aside to start a new one");
    }
    MasterKeys masters;
    try {
      masters = MasterKeys.parse(held.get());
    } catch (IllegalArgumentException e) {
      throw refused(
          dataDir, store.describe() + " holds a key Ironcliw cannot read: " + e.getMessage());
    }
    MasterKeys.Numbered master = masters.numbered(header.masterKeyId());
    if (master == null) {
      throw refused(
          dataDir,
          "the key in "
              + store.describe()
              + " is not the one it was encrypted with (master key "
              + header.masterKeyId()
              + ")");
    }
    HistoryKeys keys;
    try {
      keys = HistoryKeys.open(keysFile, master);
    } catch (WrongKeyException e) {
      throw refused(
          dataDir, "the key in " + store.describe() + " does not open it: " + e.getMessage());
    }
    return new Existing(keys, store, masters, header);
  }

  private static Opened startNew(
      EncryptionSettings settings, Path dataDir, Path keysFile, Map<String, String> env) {
    MasterKeyStore store;
    String why = "";
    if (!settings.keyStore().equals("auto")) {
      store = named(settings.keyStore(), settings, env);
    } else if (PlatformPaths.isMac()) {
      store = new MacKeychainStore();
    } else if (SecretServiceStore.mayBeAvailable(env)) {
      store = new SecretServiceStore(env);
    } else {
      store = new KeyFileStore(settings.keyFile());
      why = " (this session has no Secret Service: no secret-tool, or no session bus)";
    }
    MasterKeys.Numbered master;
    try {
      master = heldOrNew(store);
    } catch (KeyStoreUnavailableException e) {
      if (!settings.keyStore().equals("auto") || store instanceof KeyFileStore) {
        throw refused(
            dataDir, "its key cannot be kept in " + store.describe() + ": " + e.getMessage());
      }
      why = " (" + store.describe() + " cannot be used: " + e.getMessage() + ")";
      store = new KeyFileStore(settings.keyFile());
      try {
        master = heldOrNew(store);
      } catch (KeyStoreUnavailableException fileToo) {
        throw refused(
            dataDir, "its key cannot be kept in " + store.describe() + ": " + fileToo.getMessage());
      }
    }
    HistoryKeys keys = HistoryKeys.create(keysFile, store.name(), master);
    return new Opened(
        keys,
        true,
        store,
        "history: encrypted (AES-256-GCM), its key in " + store.describe() + why);
  }

  /** The master key the store holds, or a new one it now holds. */
  private static MasterKeys.Numbered heldOrNew(MasterKeyStore store) {
    Optional<String> held = store.read();
    if (held.isPresent()) {
      try {
        return MasterKeys.parse(held.get()).current();
      } catch (IllegalArgumentException e) {
        throw new KeyStoreUnavailableException(
            "it holds a key Ironcliw cannot read: " + e.getMessage());
      }
    }
    MasterKeys.Numbered made = new MasterKeys.Numbered(1, Gcm.newKeyBytes());
    store.write(MasterKeys.of(made).text());
    return made;
  }

  static MasterKeyStore named(String name, EncryptionSettings settings, Map<String, String> env) {
    return switch (name) {
      case "keychain" -> new MacKeychainStore();
      case "secret-service" -> new SecretServiceStore(env);
      default -> new KeyFileStore(settings.keyFile());
    };
  }

  private static StartupException refused(Path dataDir, String why) {
    return new StartupException(
        "cannot open the encrypted history in " + dataDir + ": " + why, ExitCodes.FAILURE);
  }

  private static StartupException rotationRefused(Path dataDir, String why) {
    return new StartupException(
        "cannot rotate the key of the history in " + dataDir + ": " + why, ExitCodes.FAILURE);
  }
}

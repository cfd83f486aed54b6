package dev.ironcliw.daemon.vault;

import dev.ironcliw.config.EncryptionSettings;
import dev.ironcliw.config.PlatformPaths;
import dev.ironcliw.daemon.lifecycle.ExitCodes;
import dev.ironcliw.daemon.lifecycle.StartupException;
import java.nio.file.Path;
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
    if (HistoryKeys.exist(keysFile)) {
      return openExisting(settings, absoluteDir, keysFile);
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

  private static Opened openExisting(EncryptionSettings settings, Path dataDir, Path keysFile) {
    HistoryKeys.Header header;
    try {
      header = HistoryKeys.readHeader(keysFile);
    } catch (RuntimeException e) {
      throw refused(dataDir, keysFile + " cannot be read: " + e.getMessage());
    }
    MasterKeyStore store = named(header.storeName(), settings);
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
    String message =
        settings.encrypt()
            ? "history: encrypted (AES-256-GCM), its key in " + store.describe()
            : "history: new records are clear (privacy.encrypt: false); what was encrypted opens"
                + " with the key in "
                + store.describe();
    return new Opened(keys, settings.encrypt(), store, message);
  }

  private static Opened startNew(
      EncryptionSettings settings, Path dataDir, Path keysFile, Map<String, String> env) {
    MasterKeyStore store;
    String why = "";
    if (!settings.keyStore().equals("auto")) {
      store = named(settings.keyStore(), settings);
    } else if (PlatformPaths.isMac()) {
      store = new MacKeychainStore();
    } else if (SecretServiceStore.mayBeAvailable(env)) {
      store = new SecretServiceStore();
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
    MasterKeys.Numbered made =
        new MasterKeys.Numbered(1, dev.ironcliw.daemon.crypto.Gcm.newKeyBytes());
    store.write(MasterKeys.of(made).text());
    return made;
  }

  static MasterKeyStore named(String name, EncryptionSettings settings) {
    return switch (name) {
      case "keychain" -> new MacKeychainStore();
      case "secret-service" -> new SecretServiceStore();
      default -> new KeyFileStore(settings.keyFile());
    };
  }

  private static StartupException refused(Path dataDir, String why) {
    return new StartupException(
        "cannot open the encrypted history in " + dataDir + ": " + why, ExitCodes.FAILURE);
  }
}

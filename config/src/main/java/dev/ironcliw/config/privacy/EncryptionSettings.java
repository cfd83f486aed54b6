package dev.ironcliw.config.privacy;

import java.nio.file.Path;

/**
 * The {@code privacy.encrypt} and {@code privacy.key.*} keys: whether the history is encrypted and
 * where its key is kept.
 *
 * @param encrypt whether new records and the text index are encrypted
 * @param keyStore {@code auto}, {@code keychain}, {@code secret-service} or {@code file}
 * @param keyFile the key file (already resolved to the platform default when not set)
 */
public record EncryptionSettings(boolean encrypt, String keyStore, Path keyFile) {}

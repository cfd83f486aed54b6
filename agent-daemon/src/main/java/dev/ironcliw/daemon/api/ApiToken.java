package dev.ironcliw.daemon.api;

import dev.ironcliw.daemon.lifecycle.DataDirectory;
import dev.ironcliw.daemon.lifecycle.ExitCodes;
import dev.ironcliw.daemon.lifecycle.StartupException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * The API bearer token: 32 random bytes, hex, generated at first start into {@code <data
 * dir>/api-token} with mode 0600, and compared in constant time. Never logged. It can be rotated
 * while the daemon runs ({@code ironcliw token rotate}): a new one is written and takes over at
 * once. Thread-safe.
 */
public final class ApiToken {
  private final Path file;
  private volatile byte[] token;

  private ApiToken(Path file, String token) {
    this.file = file;
    this.token = token.getBytes(StandardCharsets.US_ASCII);
  }

  public static ApiToken loadOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        String existing = Files.readString(file, StandardCharsets.US_ASCII).trim();
        if (existing.length() >= 32) {
          restrict(file);
          return new ApiToken(file, existing);
        }
      }
      return new ApiToken(file, writeNew(file));
    } catch (IOException e) {
      throw new StartupException(
          "cannot create API token file " + file + ": " + e.getMessage(), ExitCodes.FAILURE, e);
    }
  }

  /**
   * Writes a new random token to {@code file} (mode 0600, replacing the old one at once) and
   * returns it.
   */
  public static String writeNew(Path file) throws IOException {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    String token = HexFormat.of().formatHex(random);
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(temp);
    if (DataDirectory.isPosix()) {
      Files.createFile(
          temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    Files.writeString(temp, token + "\n", StandardCharsets.US_ASCII, StandardOpenOption.CREATE);
    Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return token;
  }

  /** Replaces the token with a new one, in its file first; the old one is refused from now on. */
  void rotate() throws IOException {
    token = writeNew(file).getBytes(StandardCharsets.US_ASCII);
  }

  /** The proof of holding the token for {@code nonce} on {@code port} ({@link TokenProof}). */
  String proof(int port, String nonce) {
    return TokenProof.of(token, port, nonce);
  }

  private static void restrict(Path file) throws IOException {
    if (DataDirectory.isPosix()) {
      Files.setPosixFilePermissions(
          file,
          Set.of(
              java.nio.file.attribute.PosixFilePermission.OWNER_READ,
              java.nio.file.attribute.PosixFilePermission.OWNER_WRITE));
    }
  }

  /** True when {@code authorization} is {@code Bearer <this token>}. */
  boolean accepts(String authorization) {
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return false;
    }
    byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(given, token);
  }
}

package dev.ironcliw.daemon;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What the tests of privacy at rest look for: given bytes, in clear, anywhere in a dir's files. */
public final class ClearBytes {
  private final byte[] all;

  private ClearBytes(byte[] all) {
    this.all = all;
  }

  /** Every regular file under {@code dir}, read now. */
  public static ClearBytes under(Path dir) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        out.write(Files.readAllBytes(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ClearBytes(out.toByteArray());
  }

  public int length() {
    return all.length;
  }

  public boolean contains(String text) {
    return contains(text.getBytes(StandardCharsets.UTF_8));
  }

  public boolean contains(byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= all.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (all[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}

package dev.ironcliw.governor.pressure;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A small ASCII file of {@code /proc} or {@code /sys} read again at every pressure reading, into
 * one buffer kept for it, and its numbers found in place: a reading a second (and one after every
 * collection) then costs two system calls and no garbage, where {@code Files.readAllLines} took
 * about 24 KiB of buffers and strings a file. What does not fit in the buffer is left out.
 */
final class SmallTextFile {
  private final Path path;
  private final ByteBuffer buffer;
  private final byte[] bytes;
  private int length;

  SmallTextFile(Path path, int maxBytes) {
    this.path = path;
    this.bytes = new byte[maxBytes];
    this.buffer = ByteBuffer.wrap(bytes);
  }

  /** Reads the file again. */
  void read() throws IOException {
    buffer.clear();
    try (FileChannel channel = FileChannel.open(path)) {
      while (buffer.hasRemaining() && channel.read(buffer) > 0) {
        // a /proc file may come in more than one read
      }
    }
    length = buffer.position();
  }

  /**
   * The whole number after {@code key} (and any spaces) on the line that starts with it: {@code
   * MemTotal:} in {@code meminfo}; with an empty key, the number the file starts with.
   *
   * @throws IllegalStateException naming the key and the file when no such line holds a number
   */
  long longAfter(String key) {
    int at = lineStartingWith(key);
    if (at >= 0) {
      int i = skipSpaces(at + key.length());
      long value = 0;
      int digits = 0;
      for (; i < length && isDigit(bytes[i]); i++, digits++) {
        value = value * 10 + (bytes[i] - '0');
      }
      if (digits > 0) {
        return value;
      }
    }
    throw new IllegalStateException(describe(key) + " holds no number in " + path);
  }

  /**
   * The decimal number after {@code field} on the line that starts with {@code lineStart}: {@code
   * avg10=} on the {@code some } line of {@code pressure/memory}.
   *
   * @throws IllegalStateException naming the line and the field when there is no such number
   */
  double decimalAfter(String lineStart, String field) {
    int line = lineStartingWith(lineStart);
    int at = line < 0 ? -1 : indexOnLine(line, field);
    if (at >= 0) {
      long mantissa = 0;
      long scale = 0;
      int digits = 0;
      for (int i = at + field.length(); i < length; i++) {
        byte b = bytes[i];
        if (isDigit(b)) {
          mantissa = mantissa * 10 + (b - '0');
          scale *= 10;
          digits++;
        } else if (b == '.' && scale == 0) {
          scale = 1;
        } else {
          break;
        }
      }
      if (digits > 0) {
        return scale == 0 ? mantissa : (double) mantissa / scale;
      }
    }
    throw new IllegalStateException(
        describe(lineStart) + " has no number after " + field + " in " + path);
  }

  /** Whether the file, spaces and line ends aside, is {@code word}: {@code max} in memory.max. */
  boolean is(String word) {
    int end = length;
    while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == ' ')) {
      end--;
    }
    return end == word.length() && startsWith(0, word);
  }

  private static String describe(String key) {
    return key.isEmpty() ? "the file" : "the line of " + key.strip();
  }

  private int lineStartingWith(String prefix) {
    for (int line = 0; line < length; ) {
      if (startsWith(line, prefix)) {
        return line;
      }
      while (line < length && bytes[line] != '\n') {
        line++;
      }
      line++;
    }
    return -1;
  }

  private int indexOnLine(int line, String field) {
    for (int i = line; i < length && bytes[i] != '\n'; i++) {
      if (startsWith(i, field)) {
        return i;
      }
    }
    return -1;
  }

  private boolean startsWith(int at, String text) {
    if (at + text.length() > length) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (bytes[at + i] != text.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private int skipSpaces(int i) {
    while (i < length && bytes[i] == ' ') {
      i++;
    }
    return i;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }
}

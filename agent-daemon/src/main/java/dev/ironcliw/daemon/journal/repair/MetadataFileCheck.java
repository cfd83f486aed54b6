package dev.ironcliw.daemon.journal.repair;

import static dev.ironcliw.daemon.journal.repair.ChronicleFraming.FIELD_NAME;
import static dev.ironcliw.daemon.journal.repair.ChronicleFraming.HEADER_BYTES;
import static dev.ironcliw.daemon.journal.repair.ChronicleFraming.isComplete;
import static dev.ironcliw.daemon.journal.repair.ChronicleFraming.isMetaData;
import static dev.ironcliw.daemon.journal.repair.ChronicleFraming.length;
import static dev.ironcliw.daemon.journal.repair.ChronicleFraming.next;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Whether Chronicle can use a queue's {@code metadata.cq4t}: a header document, then one complete
 * document per stored value, each of Chronicle's own, up to where nothing is written yet. Given
 * garbage, Chronicle waits 15 s for a lock in it and then fails the start; the file only caches
 * what the cycle files say, so a damaged one is moved aside and Chronicle writes a new one.
 */
final class MetadataFileCheck {
  /** The most a metadata file is read: Chronicle's are 128 KiB. */
  private static final int MAX_BYTES = 1 << 20;

  private MetadataFileCheck() {}

  /** What is wrong with {@code file}, or null when it is whole. */
  static String problem(Path file) throws IOException {
    ByteBuffer bytes;
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      long size = channel.size();
      if (size > MAX_BYTES) {
        return "it is " + size + " bytes, more than Chronicle writes (" + MAX_BYTES + ")";
      }
      bytes = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
      while (bytes.hasRemaining() && channel.read(bytes) >= 0) {
        // until full
      }
    }
    int size = bytes.capacity();
    if (size < HEADER_BYTES || !isMetaData(bytes.getInt(0))) {
      return "it does not start with a header document";
    }
    long position = 0;
    while (position + HEADER_BYTES <= size) {
      int header = bytes.getInt((int) position);
      if (header == 0) {
        return null; // nothing written after this
      }
      int length = length(header);
      if (!isComplete(header)
          || length == 0
          || position + HEADER_BYTES + length > size
          || bytes.get((int) position + HEADER_BYTES) != FIELD_NAME) {
        return "the document at offset " + position + " is not Chronicle's";
      }
      position = next(position, length);
    }
    return null;
  }
}

package dev.ironcliw.daemon.journal.repair;

import static dev.ironcliw.daemon.journal.repair.ChronicleFraming.END_OF_DATA;
import static dev.ironcliw.daemon.journal.repair.ChronicleFraming.FIELD_NAME;
import static dev.ironcliw.daemon.journal.repair.ChronicleFraming.HEADER_BYTES;
import static dev.ironcliw.daemon.journal.repair.ChronicleFraming.isComplete;
import static dev.ironcliw.daemon.journal.repair.ChronicleFraming.isMetaData;
import static dev.ironcliw.daemon.journal.repair.ChronicleFraming.length;
import static dev.ironcliw.daemon.journal.repair.ChronicleFraming.next;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import net.openhft.chronicle.bytes.Bytes;

/**
 * One pass over a journal cycle file, document by document as {@link ChronicleFraming} lays them
 * out, that tells what it can read from what is damaged: Chronicle's tailer stops for good at the
 * first bad header and treats a zeroed file as empty, so the daemon reads the file itself first.
 *
 * <p>After a damaged stretch the scan resynchronises on the next place where two whole documents
 * follow each other (a whole record, then another or one of Chronicle's own), so one bad header
 * costs only what it covers. Where nothing whole follows, the file simply ends there: a run killed
 * mid-write leaves one half-written record at its end, and that is not damage.
 */
final class CycleFileScan {
  private final ByteBuffer file;
  private final Bytes<?> payloads;
  private final long size;
  private final Consumer<Bytes<?>> wholeRecords;
  private long records;
  private long damagedRecords;
  private long damagedStretches;
  private String firstProblem;

  /**
   * What the scan found.
   *
   * @param records whole records read
   * @param damagedRecords documents whose framing is intact but whose record is not whole
   * @param damagedStretches stretches of bytes that do not frame documents (a zeroed page, a bad
   *     header), each counted once whatever it held
   * @param firstProblem what was wrong first, and where; null when nothing was
   */
  record Result(long records, long damagedRecords, long damagedStretches, String firstProblem) {
    boolean damaged() {
      return damagedRecords > 0 || damagedStretches > 0;
    }
  }

  private CycleFileScan(MappedByteBuffer file, Consumer<Bytes<?>> wholeRecords) {
    this.file = file.order(ByteOrder.LITTLE_ENDIAN);
    this.size = file.capacity();
    this.payloads = Bytes.wrapForRead(file);
    this.wholeRecords = wholeRecords;
  }

  /**
   * Scans {@code path}, handing each whole record's payload to {@code wholeRecords} in file order.
   *
   * @throws IOException when it cannot be read, or is too large to map at once (2 GiB)
   */
  static Result scan(Path path, Consumer<Bytes<?>> wholeRecords) throws IOException {
    try (FileChannel channel =
        FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      long bytes = channel.size();
      if (bytes > Integer.MAX_VALUE) {
        throw new IOException(path + " is " + bytes + " bytes, more than one scan maps (2 GiB)");
      }
      CycleFileScan scan =
          new CycleFileScan(channel.map(FileChannel.MapMode.READ_ONLY, 0, bytes), wholeRecords);
      try {
        return scan.run();
      } finally {
        scan.payloads.releaseLast();
      }
    }
  }

  private Result run() {
    long position = 0;
    if (size < HEADER_BYTES || !isOwnDocument(0)) {
      problem(0, "the file's header document is unreadable");
      damagedStretches++;
      position = resync(HEADER_BYTES);
    } else {
      position = next(0, length(header(0)));
    }
    while (position >= 0 && position + HEADER_BYTES <= size) {
      int header = header(position);
      int length = length(header);
      if (header == END_OF_DATA) {
        break; // the cycle rolled; nothing after this is data
      }
      if (header == 0 || (!isComplete(header) && length == 0)) {
        // Nothing written here yet (or the half-written last record of a killed run) unless whole
        // documents follow.
        long after = resync(position + HEADER_BYTES);
        if (after >= 0) {
          problem(position, "bytes up to offset " + after + " frame no document");
          damagedStretches++;
        }
        position = after;
      } else if (!isComplete(header) || length == 0 || position + HEADER_BYTES + length > size) {
        problem(position, "a document header claims " + length + " bytes");
        damagedStretches++;
        position = resync(position + HEADER_BYTES);
      } else if (isMetaData(header)) {
        if (isOwnDocument(position)) {
          position = next(position, length);
        } else {
          problem(position, "a metadata document is not Chronicle's");
          damagedStretches++;
          position = resync(position + HEADER_BYTES);
        }
      } else if (isWholeRecord(position, length)) {
        records++;
        wholeRecords.accept(payload(position, length));
        position = next(position, length);
      } else if (followsWell(next(position, length))) {
        problem(position, "a " + length + "-byte record is not whole");
        damagedRecords++;
        position = next(position, length);
      } else {
        problem(position, "a document header claims " + length + " bytes");
        damagedStretches++;
        position = resync(position + HEADER_BYTES);
      }
    }
    return new Result(records, damagedRecords, damagedStretches, firstProblem);
  }

  /**
   * The first position at or after {@code from} where a whole record begins and a document that is
   * whole, or the end of the cycle, follows it; -1 when there is none.
   */
  private long resync(long from) {
    long position = from;
    while (position + HEADER_BYTES <= size) {
      int header = header(position);
      if (header == 0) {
        position = firstNonZero(position);
        if (position < 0) {
          return -1;
        }
        continue;
      }
      int length = length(header);
      if (isComplete(header)
          && !isMetaData(header)
          && length > 0
          && position + HEADER_BYTES + length <= size
          && isWholeRecord(position, length)) {
        long second = next(position, length);
        if (second + HEADER_BYTES <= size && isWholeDocument(second)) {
          return position;
        }
      }
      position += HEADER_BYTES;
    }
    return -1;
  }

  /**
   * Whether a whole document of either kind, or the end-of-cycle marker, is at {@code position}.
   */
  private boolean followsWell(long position) {
    if (position + HEADER_BYTES > size) {
      return true;
    }
    int header = header(position);
    return header == 0
        || header == END_OF_DATA
        || (!isComplete(header) && length(header) == 0)
        || isWholeDocument(position);
  }

  private boolean isWholeDocument(long position) {
    int header = header(position);
    if (header == END_OF_DATA) {
      return true;
    }
    int length = length(header);
    if (!isComplete(header) || length == 0 || position + HEADER_BYTES + length > size) {
      return false;
    }
    return isMetaData(header) ? isOwnDocument(position) : isWholeRecord(position, length);
  }

  /** A complete metadata document whose payload starts as Chronicle's own do. */
  private boolean isOwnDocument(long position) {
    int header = header(position);
    int length = length(header);
    return isMetaData(header)
        && isComplete(header)
        && length > 0
        && position + HEADER_BYTES + length <= size
        && file.get((int) position + HEADER_BYTES) == FIELD_NAME;
  }

  private boolean isWholeRecord(long position, int length) {
    return WholeRecord.is(payload(position, length));
  }

  private Bytes<?> payload(long position, int length) {
    payloads.readLimit(size);
    payloads.readPosition(position + HEADER_BYTES);
    payloads.readLimit(position + HEADER_BYTES + length);
    return payloads;
  }

  private int header(long position) {
    return file.getInt((int) position);
  }

  /** The first 4-byte-aligned position at or after {@code from} that is not zero; -1 if none. */
  private long firstNonZero(long from) {
    long position = from;
    while (position % Long.BYTES != 0 && position + Integer.BYTES <= size) {
      if (header(position) != 0) {
        return position;
      }
      position += Integer.BYTES;
    }
    while (position + Long.BYTES <= size) {
      if (file.getLong((int) position) != 0) {
        return header(position) != 0 ? position : position + Integer.BYTES;
      }
      position += Long.BYTES;
    }
    return position + Integer.BYTES <= size && header(position) != 0 ? position : -1;
  }

  private void problem(long position, String what) {
    if (firstProblem == null) {
      firstProblem = what + " at offset " + position;
    }
  }
}

package dev.ironcliw.daemon.journal.repair;

/**
 * How Chronicle Queue frames the documents of a cycle file ({@code .cq4}) and of its metadata file
 * ({@code metadata.cq4t}), as the files on disk show it:
 *
 * <pre>
 *   offset 0        int header  (little-endian): bits 0-29 length, bit 30 metadata, bit 31 not complete
 *   offset 4        length bytes of payload
 *   then the next header, at the next multiple of 4
 * </pre>
 *
 * A file begins with Chronicle's own header document (metadata); its index arrays are metadata
 * documents among the data; a payload of Chronicle's own begins with a binary-wire field name. A
 * header of 0 is where nothing was written yet; {@link #END_OF_DATA} closes a cycle that rolled.
 */
final class ChronicleFraming {
  static final int HEADER_BYTES = 4;
  static final int ALIGNMENT = 4;
  static final int NOT_COMPLETE = 0x8000_0000;
  static final int META_DATA = 0x4000_0000;
  static final int LENGTH_MASK = 0x3FFF_FFFF;

  /** The marker after a cycle's last document once the queue rolled to the next cycle. */
  static final int END_OF_DATA = NOT_COMPLETE | META_DATA;

  /** Binary wire's code for a field name, the first byte of each of Chronicle's own payloads. */
  static final byte FIELD_NAME = (byte) 0xB9;

  private ChronicleFraming() {}

  static int length(int header) {
    return header & LENGTH_MASK;
  }

  static boolean isMetaData(int header) {
    return (header & META_DATA) != 0;
  }

  static boolean isComplete(int header) {
    return (header & NOT_COMPLETE) == 0;
  }

  /** Where the document after one at {@code position} with {@code length} bytes begins. */
  static long next(long position, int length) {
    return (position + HEADER_BYTES + length + ALIGNMENT - 1) & -ALIGNMENT;
  }
}

package dev.ironcliw.ring;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A fast 64-bit hash of off-heap bytes: four independent multiply-rotate lanes over 32-byte stripes
 * (the XXH64 round), so the CPU overlaps the multiplies and the loop runs near memory speed. Not
 * cryptographic; used as frame fingerprint and slot checksum. Stateless, thread-safe.
 */
public final class FrameHash {
  private static final long P1 = 0x9E3779B185EBCA87L;
  private static final long P2 = 0xC2B2AE3D27D4EB4FL;
  private static final long P3 = 0x165667B19E3779F9L;
  private static final long P4 = 0x85EBCA77C2B2AE63L;
  private static final long P5 = 0x27D4EB2F165667C5L;
  private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;

  private FrameHash() {}

  /** Hashes {@code length} bytes of {@code segment} from {@code offset}. */
  public static long hash(MemorySegment segment, long offset, long length) {
    long end = offset + length;
    long i = offset;
    long h;
    if (length >= 32) {
      long a = P1 + P2;
      long b = P2;
      long c = 0;
      long d = -P1;
      long stripesEnd = end - 31;
      for (; i < stripesEnd; i += 32) {
        a = round(a, segment.get(LONG, i));
        b = round(b, segment.get(LONG, i + 8));
        c = round(c, segment.get(LONG, i + 16));
        d = round(d, segment.get(LONG, i + 24));
      }
      h =
          Long.rotateLeft(a, 1)
              + Long.rotateLeft(b, 7)
              + Long.rotateLeft(c, 12)
              + Long.rotateLeft(d, 18);
      h = merge(merge(merge(merge(h, a), b), c), d);
    } else {
      h = P5;
    }
    h += length;
    for (; i + 8 <= end; i += 8) {
      h ^= round(0, segment.get(LONG, i));
      h = Long.rotateLeft(h, 27) * P1 + P4;
    }
    for (; i < end; i++) {
      h ^= (segment.get(ValueLayout.JAVA_BYTE, i) & 0xFFL) * P5;
      h = Long.rotateLeft(h, 11) * P1;
    }
    return avalanche(h);
  }

  /** One XXH64 round: folds 8 input bytes into an accumulator lane. */
  public static long round(long acc, long input) {
    return Long.rotateLeft(acc + input * P2, 31) * P1;
  }

  private static long merge(long h, long lane) {
    return (h ^ round(0, lane)) * P1 + P4;
  }

  /** The XXH64 final mix: every input bit reaches every output bit. */
  public static long avalanche(long h) {
    h ^= h >>> 33;
    h *= P2;
    h ^= h >>> 29;
    h *= P3;
    return h ^ (h >>> 32);
  }
}

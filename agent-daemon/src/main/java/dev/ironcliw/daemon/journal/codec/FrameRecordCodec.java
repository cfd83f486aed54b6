package dev.ironcliw.daemon.journal.codec;

import dev.ironcliw.daemon.journal.record.FrameRecord;
import dev.ironcliw.dedup.Verdict;
import dev.ironcliw.diff.ChangedRegions.Region;
import dev.ironcliw.diff.RegionFeatures;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.bytes.Bytes;

/**
 * Binary form of a {@link FrameRecord} in a journal excerpt, fields in this order:
 *
 * <pre>
 *   byte   recordType (1 = frame)     byte   layoutVersion (1)
 *   long   seq                        long   capturedAtNanos
 *   long   ringPosition               long   fingerprint
 *   byte   verdict ordinal            byte   forwarded (0/1)
 *   int    width   int height         int    changedTiles
 *   double magnitude                  utf8   source
 *   int    regionCount, then per region: int x, y, width, height, tiles; long sad
 *   int    display   int maskedRegions   int damageRects          (layout 2 and later)
 *   int    featureCount, then per region: double meanLuma, lumaStdDev, edgeDensity;
 *          long histogram                                         (layout 3)
 *   int    descriptorLength, then that many bytes                 (layout 3)
 * </pre>
 *
 * Older layouts read with what they lack as zero: display 0, nothing masked, no hint, no features.
 * A record of another type or version is skipped by readers, so later record kinds (events,
 * insights) can share the queue.
 */
public final class FrameRecordCodec {
  public static final byte FRAME_RECORD = 1;
  public static final byte LAYOUT_VERSION = 3;
  private static final Verdict[] VERDICTS = Verdict.values();
  private static final int REGION_BYTES = 5 * Integer.BYTES + Long.BYTES;
  private static final int FEATURE_BYTES = 3 * Double.BYTES + Long.BYTES;

  private FrameRecordCodec() {}

  /** A frame record written again as another frame: {@link #writeRepeat}. One thread's. */
  public static final class Repeat {
    private FrameRecord template;
    private long seq;
    private long capturedAtNanos;

    public void set(FrameRecord template, long seq, long capturedAtNanos) {
      this.template = template;
      this.seq = seq;
      this.capturedAtNanos = capturedAtNanos;
    }
  }

  public static void write(Bytes<?> out, FrameRecord r) {
    write(out, r, r.seq(), r.capturedAtNanos());
  }

  /** {@code repeat}'s template with its seq and capture time: the bytes its record would have. */
  public static void writeRepeat(Bytes<?> out, Repeat repeat) {
    write(out, repeat.template, repeat.seq, repeat.capturedAtNanos);
  }

  private static void write(Bytes<?> out, FrameRecord r, long seq, long capturedAtNanos) {
    out.writeByte(FRAME_RECORD);
    out.writeByte(LAYOUT_VERSION);
    out.writeLong(seq);
    out.writeLong(capturedAtNanos);
    out.writeLong(r.ringPosition());
    out.writeLong(r.fingerprint());
    out.writeByte((byte) r.verdict().ordinal());
    out.writeByte((byte) (r.forwarded() ? 1 : 0));
    out.writeInt(r.width());
    out.writeInt(r.height());
    out.writeInt(r.changedTiles());
    out.writeDouble(r.magnitude());
    out.writeUtf8(r.source());
    List<Region> regions = r.regions();
    out.writeInt(regions.size());
    for (int i = 0; i < regions.size(); i++) { // no iterator: a duplicate's append allocates none
      Region region = regions.get(i);
      out.writeInt(region.x());
      out.writeInt(region.y());
      out.writeInt(region.width());
      out.writeInt(region.height());
      out.writeInt(region.tiles());
      out.writeLong(region.sad());
    }
    out.writeInt(r.display());
    out.writeInt(r.maskedRegions());
    out.writeInt(r.damageRects());
    List<RegionFeatures> features = r.features();
    out.writeInt(features.size());
    for (int i = 0; i < features.size(); i++) {
      RegionFeatures f = features.get(i);
      out.writeDouble(f.meanLuma());
      out.writeDouble(f.lumaStdDev());
      out.writeDouble(f.edgeDensity());
      out.writeLong(f.histogram());
    }
    byte[] descriptor = r.descriptor();
    out.writeInt(descriptor.length);
    out.write(descriptor);
  }

  /** The seq of a frame record excerpt, read in place (every layout starts the same). */
  public static long peekSeq(Bytes<?> in) {
    return in.readLong(in.readPosition() + 2);
  }

  /** The capture time of a frame record excerpt, read in place. */
  public static long peekCapturedAtNanos(Bytes<?> in) {
    return in.readLong(in.readPosition() + 10);
  }

  /** Whether a frame record excerpt is a {@code CHANGE}, read in place. */
  public static boolean peekIsChange(Bytes<?> in) {
    int ordinal = in.readUnsignedByte(in.readPosition() + 2 + 4 * Long.BYTES);
    return ordinal < VERDICTS.length && VERDICTS[ordinal] == Verdict.CHANGE;
  }

  /**
   * The display of a frame record excerpt (0 for layout 1, which had none), read past its source
   * and regions without moving the excerpt's read position.
   */
  public static int peekDisplay(Bytes<?> in) {
    long start = in.readPosition();
    if (in.readByte(start + 1) < 2) {
      return 0;
    }
    try {
      in.readPosition(start + 2 + 4 * Long.BYTES + 2 + 3 * Integer.BYTES + Double.BYTES);
      in.readUtf8();
      int regionCount = ExcerptReads.count(in, REGION_BYTES, "region");
      in.readSkip((long) regionCount * REGION_BYTES);
      return in.readInt();
    } finally {
      in.readPosition(start);
    }
  }

  /** The record, or null when the excerpt is not a frame record of a known layout. */
  public static FrameRecord read(Bytes<?> in) {
    if (in.readRemaining() < 2 || in.readByte() != FRAME_RECORD) {
      return null;
    }
    byte layout = in.readByte();
    if (layout < 1 || layout > LAYOUT_VERSION) {
      return null;
    }
    long seq = in.readLong();
    long capturedAt = in.readLong();
    long position = in.readLong();
    long fingerprint = in.readLong();
    Verdict verdict = ExcerptReads.ordinal(in, VERDICTS, "verdict");
    boolean forwarded = in.readByte() != 0;
    int width = in.readInt();
    int height = in.readInt();
    int changedTiles = in.readInt();
    double magnitude = in.readDouble();
    String source = in.readUtf8();
    int regionCount = ExcerptReads.count(in, REGION_BYTES, "region");
    List<Region> regions = new ArrayList<>(regionCount);
    for (int i = 0; i < regionCount; i++) {
      regions.add(
          new Region(
              in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readLong()));
    }
    int display = layout >= 2 ? in.readInt() : 0;
    int masked = layout >= 2 ? in.readInt() : 0;
    int damageRects = layout >= 2 ? in.readInt() : -1;
    List<RegionFeatures> features = new ArrayList<>();
    byte[] descriptor = new byte[0];
    if (layout >= 3) {
      int featureCount = ExcerptReads.count(in, FEATURE_BYTES, "feature");
      for (int i = 0; i < featureCount; i++) {
        features.add(
            new RegionFeatures(in.readDouble(), in.readDouble(), in.readDouble(), in.readLong()));
      }
      descriptor = new byte[ExcerptReads.count(in, 1, "descriptor byte")];
      in.read(descriptor);
    }
    return new FrameRecord(
        seq,
        capturedAt,
        source,
        verdict,
        forwarded,
        changedTiles,
        width,
        height,
        position,
        fingerprint,
        magnitude,
        regions,
        display,
        masked,
        damageRects,
        features,
        descriptor);
  }
}

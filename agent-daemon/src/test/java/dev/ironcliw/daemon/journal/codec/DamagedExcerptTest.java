package dev.ironcliw.daemon.journal.codec;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ironcliw.daemon.journal.record.CaptureEventRecord;
import dev.ironcliw.daemon.journal.record.ContextEventRecord;
import dev.ironcliw.daemon.journal.record.DamagedRecordException;
import dev.ironcliw.daemon.journal.record.FrameRecord;
import dev.ironcliw.daemon.journal.record.InsightRecord;
import dev.ironcliw.daemon.journal.record.KeyframeRecord;
import dev.ironcliw.daemon.journal.record.PressureEventRecord;
import dev.ironcliw.daemon.journal.record.RetentionEventRecord;
import dev.ironcliw.dedup.Verdict;
import dev.ironcliw.diff.ChangedRegions.Region;
import dev.ironcliw.diff.RegionFeatures;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.Function;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;

/**
 * The codecs given damaged excerpts: a garbage count or ordinal is refused before anything is
 * allocated for it, and no flip of an excerpt's bytes makes a codec throw an {@link Error} (an
 * out-of-memory, say) that would take a reader thread down with it.
 */
class DamagedExcerptTest {
  private static final FrameRecord FRAME =
      new FrameRecord(
          7,
          1_700_000_000_000_000_000L,
          "synthetic",
          Verdict.CHANGE,
          true,
          2,
          640,
          480,
          7,
          99,
          0.5,
          List.of(new Region(0, 0, 32, 32, 1, 10)),
          0,
          0,
          1,
          List.of(new RegionFeatures(1, 2, 0.5, 3)),
          new byte[16]);

  private static final InsightRecord INSIGHT =
      new InsightRecord(
          3,
          1_700_000_000_000_000_000L,
          List.of(1L, 2L),
          "openai",
          "model",
          2,
          true,
          "editing",
          "editor",
          false,
          "",
          0.9,
          false,
          "",
          "{}",
          10,
          20);

  private static <R> Bytes<?> written(BiConsumer<Bytes<?>, R> codec, R record) {
    Bytes<?> bytes = Bytes.allocateElasticOnHeap();
    codec.accept(bytes, record);
    return bytes;
  }

  @Test
  void shouldRefuseARegionCountLargerThanTheExcerptBeforeAllocatingIt() {
    Bytes<?> bytes = written(FrameRecordCodec::write, FRAME);
    // The region count follows the utf8 source, at a fixed place for this record.
    long regionCountAt = 2 + 4 * 8 + 2 + 3 * 4 + 8 + 1 + "synthetic".length();
    bytes.writeInt(regionCountAt, Integer.MAX_VALUE);
    assertThrows(DamagedRecordException.class, () -> FrameRecordCodec.read(bytes));
  }

  @Test
  void shouldRefuseAVerdictThatIsNotOne() {
    Bytes<?> bytes = written(FrameRecordCodec::write, FRAME);
    bytes.writeByte(2 + 4 * 8, (byte) 0x7F);
    assertThrows(DamagedRecordException.class, () -> FrameRecordCodec.read(bytes));
  }

  @Test
  void shouldRefuseAnInsightFrameCountLargerThanTheExcerpt() {
    Bytes<?> bytes = written(InsightRecordCodec::write, INSIGHT);
    bytes.writeInt(2 + 8 + 8, 1 << 30);
    assertThrows(DamagedRecordException.class, () -> InsightRecordCodec.read(bytes));
  }

  @Test
  void shouldThrowNothingButARuntimeExceptionWhateverBytesAreFlipped() {
    fuzz(written(FrameRecordCodec::write, FRAME), FrameRecordCodec::read);
    fuzz(written(InsightRecordCodec::write, INSIGHT), InsightRecordCodec::read);
    fuzz(
        written(CaptureEventCodec::write, new CaptureEventRecord(5, 0, true, "X server lost")),
        CaptureEventCodec::read);
    fuzz(
        written(
            PressureEventCodec::write, new PressureEventRecord(5, "LOW", "MEDIUM", "heap 80%", "")),
        PressureEventCodec::read);
    fuzz(
        written(KeyframeCodec::write, new KeyframeRecord(9, 5, 640, 480, 320, 240, new byte[40])),
        KeyframeCodec::read);
    fuzz(
        written(
            RetentionEventCodec::write,
            new RetentionEventRecord(5, 2, 1 << 20, "20261101F.cq4", "maxBytes 1MiB (api)", 9)),
        RetentionEventCodec::read);
    fuzz(
        written(
            ContextEventCodec::write,
            new ContextEventRecord(5, 9, 0, "XTerm", "bash: ~/src", false)),
        ContextEventCodec::read);
  }

  /** Reads {@code original} with 1 to 8 random bytes flipped, many times; only a runtime throw. */
  private static void fuzz(Bytes<?> original, Function<Bytes<?>, ?> codec) {
    byte[] clean = original.toByteArray();
    Random random = new Random(20);
    for (int round = 0; round < 20_000; round++) {
      byte[] damaged = clean.clone();
      int flips = 1 + random.nextInt(8);
      for (int i = 0; i < flips; i++) {
        // Past the type and layout bytes, which only make a codec answer null.
        damaged[2 + random.nextInt(damaged.length - 2)] = (byte) random.nextInt(256);
      }
      try {
        codec.apply(Bytes.wrapForRead(damaged));
      } catch (RuntimeException expected) {
        // refused, as a damaged record should be
      }
    }
  }
}

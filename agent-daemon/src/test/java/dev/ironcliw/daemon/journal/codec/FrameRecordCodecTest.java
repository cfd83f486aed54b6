package dev.ironcliw.daemon.journal.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ironcliw.daemon.journal.record.FrameRecord;
import dev.ironcliw.dedup.Verdict;
import dev.ironcliw.diff.ChangedRegions.Region;
import dev.ironcliw.diff.RegionFeatures;
import java.util.List;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;

class FrameRecordCodecTest {
  private static FrameRecord record() {
    byte[] descriptor = new byte[64];
    for (int i = 0; i < descriptor.length; i++) {
      descriptor[i] = (byte) (i * 4);
    }
    return new FrameRecord(
        42,
        1_700_000_000_000_000_000L,
        "DP-1",
        Verdict.CHANGE,
        true,
        3,
        1920,
        1080,
        17,
        0xABCDEF,
        1.5,
        List.of(new Region(0, 0, 64, 32, 2, 900), new Region(96, 96, 32, 32, 1, 50)),
        1,
        2,
        4,
        List.of(new RegionFeatures(120.5, 30.25, 0.125, 0x0102030405060708L)),
        descriptor);
  }

  @Test
  void shouldReadBackEveryFieldOfTheCurrentLayout() {
    Bytes<?> bytes = Bytes.allocateElasticOnHeap();
    FrameRecord written = record();
    FrameRecordCodec.write(bytes, written);
    FrameRecord read = FrameRecordCodec.read(bytes);
    assertEquals(written, read);
    assertArrayEquals(written.descriptor(), read.descriptor());
    assertEquals(8, read.features().getFirst().histogramPercent(0));
  }

  @Test
  void shouldPeekTheDisplayPastTheSourceAndRegionsWithoutMovingTheReadPosition() {
    Bytes<?> bytes = Bytes.allocateElasticOnHeap();
    FrameRecordCodec.write(bytes, record());
    long start = bytes.readPosition();
    assertEquals(1, FrameRecordCodec.peekDisplay(bytes));
    assertEquals(start, bytes.readPosition());
    bytes.writeByte(1, (byte) 1); // layout 1 had no display: 0
    assertEquals(0, FrameRecordCodec.peekDisplay(bytes));
  }

  @Test
  void shouldReadALayoutTwoRecordWithoutFeatures() {
    Bytes<?> bytes = Bytes.allocateElasticOnHeap();
    FrameRecord full = record();
    FrameRecordCodec.write(bytes, full);
    // A layout-2 record is the layout-3 one without the feature and descriptor tail.
    long layout2Length = bytes.writePosition() - 4 - 32 - 4 - 64;
    bytes.writeByte(1, (byte) 2);
    bytes.writeLimit(layout2Length);
    bytes.readLimit(layout2Length);
    FrameRecord read = FrameRecordCodec.read(bytes);
    assertEquals(full.seq(), read.seq());
    assertEquals(full.regions(), read.regions());
    assertEquals(4, read.damageRects());
    assertEquals(List.of(), read.features());
    assertEquals(0, read.descriptor().length);
  }
}

package dev.ironcliw.daemon.journal.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.daemon.journal.codec.ContextEventCodec;
import dev.ironcliw.daemon.journal.record.ContextEventRecord;
import dev.ironcliw.daemon.journal.record.DamagedRecordException;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;

class RecordChecksumTest {
  private static final ContextEventRecord CONTEXT =
      new ContextEventRecord(1_700_000_000_000_000_000L, 42, 0, "firefox", "Invoice 2291", false);

  @Test
  void shouldReadBackARecordWrittenWithItsChecksum() {
    Bytes<?> bytes = Bytes.allocateElasticOnHeap();
    RecordChecksum.write(bytes, Bytes.allocateElasticOnHeap(), ContextEventCodec::write, CONTEXT);
    assertEquals(ContextEventCodec.CONTEXT_EVENT_RECORD, RecordChecksum.recordType(bytes));
    RecordChecksum.open(bytes);
    assertEquals(CONTEXT, ContextEventCodec.read(bytes));
    assertEquals(0, bytes.readRemaining());
  }

  @Test
  void shouldReadARecordWrittenBeforeChecksumsUnchecked() {
    Bytes<?> bytes = Bytes.allocateElasticOnHeap();
    ContextEventCodec.write(bytes, CONTEXT);
    assertEquals(ContextEventCodec.CONTEXT_EVENT_RECORD, RecordChecksum.recordType(bytes));
    RecordChecksum.open(bytes);
    assertEquals(CONTEXT, ContextEventCodec.read(bytes));
  }

  @Test
  void shouldRefuseEveryChangedByteOfARecord() {
    Bytes<?> written = Bytes.allocateElasticOnHeap();
    RecordChecksum.write(written, Bytes.allocateElasticOnHeap(), ContextEventCodec::write, CONTEXT);
    long length = written.readRemaining();
    for (long at = 1; at < length; at++) {
      Bytes<?> bytes = Bytes.allocateElasticOnHeap();
      bytes.write(written, 0, length);
      bytes.writeByte(at, (byte) (bytes.readByte(at) ^ 0x10));
      DamagedRecordException e =
          assertThrows(DamagedRecordException.class, () -> RecordChecksum.open(bytes));
      assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }
  }

  @Test
  void shouldSayARecordCutShorterThanItsChecksumIsDamaged() {
    Bytes<?> bytes = Bytes.allocateElasticOnHeap();
    bytes.writeByte(RecordChecksum.CHECKSUMMED);
    bytes.writeByte((byte) 1);
    assertThrows(DamagedRecordException.class, () -> RecordChecksum.open(bytes));
  }
}

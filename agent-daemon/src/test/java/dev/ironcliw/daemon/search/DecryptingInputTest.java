package dev.ironcliw.daemon.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ironcliw.config.privacy.EncryptionSettings;
import dev.ironcliw.daemon.vault.HistoryKeys;
import dev.ironcliw.daemon.vault.HistoryVault;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.store.RandomAccessInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way Lucene reads a file, through the key: sequential reads across the buffer's edges, seeks
 * back and forth, reads at positions inside and outside the buffer, slices of slices and clones,
 * each against the clear bytes written.
 */
class DecryptingInputTest {
  private static final int BYTES = 5000;

  @TempDir Path dataDir;
  @TempDir Path configDir;

  @Test
  void shouldReadWhatWasWrittenHoweverItIsRead() throws Exception {
    byte[] clear = new byte[BYTES];
    new SplittableRandom(7).nextBytes(clear);
    ByteBuffer le = ByteBuffer.wrap(clear).order(ByteOrder.LITTLE_ENDIAN);
    try (HistoryKeys keys =
            HistoryVault.open(
                    new EncryptionSettings(true, "file", configDir.resolve("history.key")),
                    dataDir,
                    Map.of())
                .keys();
        EncryptedDirectory dir = new EncryptedDirectory(new ByteBuffersDirectory(), keys)) {
      try (IndexOutput out = dir.createOutput("f", IOContext.DEFAULT)) {
        out.writeBytes(clear, clear.length);
      }
      try (IndexInput in = dir.openInput("f", IOContext.DEFAULT)) {
        assertEquals(BYTES, in.length());
        byte[] read = new byte[BYTES];
        in.readBytes(read, 0, 10); // then across the 1 KiB buffer's edges, and one long read
        in.readBytes(read, 10, 1500);
        in.readBytes(read, 1510, 3490);
        assertArrayEquals(clear, read);
        assertThrows(EOFException.class, in::readByte);

        in.seek(1023);
        assertEquals(le.getLong(1023), in.readLong(), "a long across the buffer's edge");
        assertEquals(le.getInt(1031), in.readInt());
        in.seek(7);
        assertEquals(clear[7], in.readByte());
        assertEquals(le.getShort(8), in.readShort());

        RandomAccessInput random = (RandomAccessInput) in;
        for (int p : new int[] {0, 9, 1020, 1021, 4992, 2048}) {
          assertEquals(le.getLong(p), random.readLong(p), "long at " + p);
          assertEquals(le.getInt(p), random.readInt(p), "int at " + p);
          assertEquals(le.getShort(p), random.readShort(p), "short at " + p);
          assertEquals(clear[p], random.readByte(p), "byte at " + p);
        }
        byte[] some = new byte[300];
        random.readBytes(3000, some, 0, some.length);
        assertArrayEquals(java.util.Arrays.copyOfRange(clear, 3000, 3300), some);
        assertThrows(EOFException.class, () -> random.readLong(BYTES - 4));

        IndexInput slice = in.slice("s", 1000, 3000);
        IndexInput inner = slice.slice("t", 500, 100);
        assertEquals(100, inner.length());
        assertEquals(clear[1500], inner.readByte());
        assertEquals(le.getLong(1501), inner.readLong());
        assertEquals(le.getInt(1596), ((RandomAccessInput) inner).readInt(96));
        assertThrows(EOFException.class, () -> inner.seek(101));
        IndexInput copy = slice.clone();
        copy.seek(2999);
        assertEquals(clear[3999], copy.readByte());
        assertEquals(clear[1000], slice.readByte(), "a clone moves on its own");
        assertEquals(le.getLong(1000 + 2992), in.randomAccessSlice(1000, 3000).readLong(2992));
      }
    }
  }
}

package dev.ironcliw.benchmarks.jmh;

import dev.ironcliw.benchmarks.support.TempFiles;
import dev.ironcliw.benchmarks.support.ThrowawayKeys;
import dev.ironcliw.daemon.crypto.DataKey;
import dev.ironcliw.daemon.journal.codec.KeyframeCodec;
import dev.ironcliw.daemon.journal.codec.TextRecordCodec;
import dev.ironcliw.daemon.journal.record.KeyframeRecord;
import dev.ironcliw.daemon.journal.record.TextLine;
import dev.ironcliw.daemon.journal.record.TextRecord;
import dev.ironcliw.daemon.journal.record.TextSource;
import dev.ironcliw.daemon.journal.record.TextWord;
import dev.ironcliw.daemon.journal.record.WindowName;
import dev.ironcliw.daemon.journal.seal.RecordChecksum;
import dev.ironcliw.daemon.journal.seal.RecordSeal;
import dev.ironcliw.daemon.vault.HistoryKeys;
import dev.ironcliw.ring.Rect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.openhft.chronicle.bytes.Bytes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What encryption at rest costs a journal record: a keyframe (a JPEG of {@code jpegKiB}) and a
 * block of read text (40 words), written and read back sealed (AES-256-GCM under a data key, {@link
 * RecordSeal}) against the floor of the same record written and read with its checksum only ({@link
 * RecordChecksum}), into and out of a heap buffer. Frame records are not sealed, so a frame pays
 * nothing.
 */
@State(Scope.Thread)
public class RecordSealBenchmark extends BenchmarkDefaults {
  @Param({"100"})
  public int jpegKiB;

  private Path dir;
  private HistoryKeys keys;
  private DataKey key;
  private KeyframeRecord keyframe;
  private TextRecord text;
  private final Bytes<?> out = Bytes.allocateElasticOnHeap(256 << 10);
  private final Bytes<?> scratch = Bytes.allocateElasticOnHeap(256 << 10);
  private byte[] sealedKeyframe;
  private byte[] clearKeyframe;
  private byte[] sealedText;
  private byte[] clearText;

  @Setup(Level.Trial)
  public void open() throws IOException {
    dir = Files.createTempDirectory("record-seal");
    keys = ThrowawayKeys.under(dir);
    key = keys.keyFor(System.currentTimeMillis(), "XTerm");
    Random random = new Random(5);
    byte[] jpeg = new byte[jpegKiB << 10];
    random.nextBytes(jpeg);
    long at = System.currentTimeMillis() * 1_000_000L;
    keyframe = new KeyframeRecord(7, at, 1920, 1080, 1280, 720, jpeg);
    List<TextWord> words = new ArrayList<>();
    for (int w = 0; w < 40; w++) {
      words.add(new TextWord("word" + random.nextInt(100_000), new Rect(w * 40, 0, 36, 12), 90));
    }
    text =
        new TextRecord(
            7,
            at,
            0,
            new Rect(0, 0, 1600, 60),
            List.of(new TextLine(0, words)),
            List.of(new WindowName("XTerm", "invoices - bash")),
            TextSource.OCR);
    sealedKeyframe = sealed(KeyframeCodec::write, keyframe, KeyframeCodec.CLEAR_BYTES);
    clearKeyframe = checksummed(KeyframeCodec::write, keyframe);
    sealedText = sealed(TextRecordCodec::write, text, TextRecordCodec.CLEAR_BYTES);
    clearText = checksummed(TextRecordCodec::write, text);
  }

  private <R> byte[] sealed(
      java.util.function.BiConsumer<Bytes<?>, R> codec, R record, int clearBytes) {
    out.clear();
    RecordSeal.write(out, scratch, codec, record, key, clearBytes);
    return out.toByteArray();
  }

  private <R> byte[] checksummed(java.util.function.BiConsumer<Bytes<?>, R> codec, R record) {
    out.clear();
    RecordChecksum.write(out, scratch, codec, record);
    return out.toByteArray();
  }

  @TearDown(Level.Trial)
  public void delete() throws IOException {
    keys.close();
    TempFiles.deleteTree(dir);
  }

  @Benchmark
  public long keyframeWriteChecksummed() {
    out.clear();
    RecordChecksum.write(out, scratch, KeyframeCodec::write, keyframe);
    return out.writePosition();
  }

  @Benchmark
  public long keyframeWriteSealed() {
    out.clear();
    RecordSeal.write(out, scratch, KeyframeCodec::write, keyframe, key, KeyframeCodec.CLEAR_BYTES);
    return out.writePosition();
  }

  @Benchmark
  public KeyframeRecord keyframeReadChecksummed() {
    return KeyframeCodec.read(RecordChecksum.open(Bytes.wrapForRead(clearKeyframe), keys));
  }

  @Benchmark
  public KeyframeRecord keyframeReadSealed() {
    return KeyframeCodec.read(RecordChecksum.open(Bytes.wrapForRead(sealedKeyframe), keys));
  }

  @Benchmark
  public long textWriteChecksummed() {
    out.clear();
    RecordChecksum.write(out, scratch, TextRecordCodec::write, text);
    return out.writePosition();
  }

  @Benchmark
  public long textWriteSealed() {
    out.clear();
    RecordSeal.write(out, scratch, TextRecordCodec::write, text, key, TextRecordCodec.CLEAR_BYTES);
    return out.writePosition();
  }

  @Benchmark
  public TextRecord textReadChecksummed() {
    return TextRecordCodec.read(RecordChecksum.open(Bytes.wrapForRead(clearText), keys));
  }

  @Benchmark
  public TextRecord textReadSealed() {
    return TextRecordCodec.read(RecordChecksum.open(Bytes.wrapForRead(sealedText), keys));
  }
}

package dev.ironcliw.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer at full speed, several readers checking every frame they accept. */
class FrameRingStressTest {
  private static final int W = 128;
  private static final int H = 64;
  private static final int READERS = 3;
  private static final long RUN_NANOS = 3_000_000_000L;

  @Test
  void shouldNeverReturnATornFrameWhileTheWriterRunsAtFullSpeed(@TempDir Path dir)
      throws Exception {
    stress(dir, 0);
  }

  @Test
  void shouldNeverReturnATornFrameWhileTheActivePartIsResized(@TempDir Path dir) throws Exception {
    stress(dir, 40);
  }

  /**
   * Runs writer and readers; a nonzero {@code resizeEvery} resizes the ring every so many frames.
   */
  private static void stress(Path dir, int resizeEvery) throws Exception {
    RingGeometry geometry = RingGeometry.forBudget(8 * 36864 + 4096, W, H);
    try (FrameRing ring = FrameRing.open(dir.resolve("r"), geometry, OffHeapBudget.unlimited())) {
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicLong verified = new AtomicLong();
      AtomicLong overwritten = new AtomicLong();
      AtomicLong discardedAfterUse = new AtomicLong();
      AtomicLong torn = new AtomicLong();
      AtomicLong written = new AtomicLong();

      Thread writer =
          Thread.ofPlatform()
              .start(
                  () -> {
                    FrameRingWriter w = ring.writer();
                    long seq = 0;
                    while (running.get()) {
                      TestFrames.write(w, W, H, seq++);
                      if (resizeEvery > 0 && seq % resizeEvery == 0) {
                        w.setActiveSlots(
                            ThreadLocalRandom.current().nextInt(2, geometry.slotCount() + 1));
                      }
                    }
                    written.set(seq);
                  });
      List<Thread> readers = new ArrayList<>();
      for (int r = 0; r < READERS; r++) {
        readers.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      FrameView view = new FrameView();
                      while (running.get()) {
                        long newest = ring.nextPosition() - 1;
                        long position =
                            newest - ThreadLocalRandom.current().nextInt(geometry.slotCount() + 2);
                        ReadStatus status = ring.read(position, view);
                        if (status == ReadStatus.OVERWRITTEN) {
                          overwritten.incrementAndGet();
                        }
                        if (status != ReadStatus.OK) {
                          continue;
                        }
                        boolean contentMatches =
                            view.position() == position
                                && TestFrames.matches(view.pixels(), view.frameSeq())
                                && view.fingerprint()
                                    == FrameHash.hash(view.pixels(), 0, view.pixels().byteSize());
                        if (!view.stillValid()) {
                          discardedAfterUse.incrementAndGet();
                        } else if (contentMatches) {
                          verified.incrementAndGet();
                        } else {
                          torn.incrementAndGet();
                        }
                      }
                    }));
      }
      long end = System.nanoTime() + RUN_NANOS;
      while (System.nanoTime() < end) {
        Thread.sleep(50);
      }
      running.set(false);
      writer.join();
      for (Thread reader : readers) {
        reader.join();
      }
      System.out.printf(
          "stress (resize every %d frames): %d frames written, %d reads verified, %d overwritten, %d invalidated after"
              + " use, %d torn%n",
          resizeEvery,
          written.get(),
          verified.get(),
          overwritten.get(),
          discardedAfterUse.get(),
          torn.get());
      assertEquals(0, torn.get(), "a reader accepted a torn frame");
      assertTrue(written.get() > geometry.slotCount() * 10L, "writer did not wrap the ring");
      assertTrue(verified.get() > 1000, "too few verified reads: " + verified.get());
      assertTrue(
          overwritten.get() + discardedAfterUse.get() > 0,
          "readers never raced the writer, so the seqlock was not exercised");
    }
  }
}

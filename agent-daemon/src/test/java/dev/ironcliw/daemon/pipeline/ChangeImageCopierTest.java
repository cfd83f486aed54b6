package dev.ironcliw.daemon.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.config.VisionImageSettings;
import dev.ironcliw.diff.ChangedRegions.Region;
import dev.ironcliw.ring.FrameRing;
import dev.ironcliw.ring.FrameRingWriter;
import dev.ironcliw.ring.FrameView;
import dev.ironcliw.ring.OffHeapBudget;
import dev.ironcliw.ring.ReadStatus;
import dev.ironcliw.ring.Rect;
import dev.ironcliw.ring.RingGeometry;
import dev.ironcliw.vision.BatchFrame;
import dev.ironcliw.vision.image.ChangeImages;
import dev.ironcliw.vision.image.FrameCrop;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeImageCopierTest {
  private static final int W = 160;
  private static final int H = 90;
  private static final ChangeImages IMAGES =
      new ChangeImages(new VisionImageSettings(1568, 3 << 20, 0, 3, 0.9, 640));
  private static final List<Region> CHANGED = List.of(new Region(8, 8, 32, 16, 1, 4096));

  @TempDir Path dir;

  @Test
  void shouldCopyOnItsThreadAndKeepTheFrameInTheRingUntilHandedOn() throws Exception {
    try (FrameRing ring = openRing()) {
      FrameRingWriter writer = ring.writer();
      List<Thread> copiedOn = new ArrayList<>();
      CountDownLatch copied = new CountDownLatch(1);
      PipelineStats stats = new PipelineStats();
      ChangeImageCopier copier =
          new ChangeImageCopier(
              ring,
              stats,
              () -> {
                copiedOn.add(Thread.currentThread());
                copied.countDown();
              });
      long position = write(writer, 1, 0x00123456);
      FrameView view = read(ring, position);

      copier.copy(frame(1, position), 4, IMAGES, CHANGED, view);
      assertEquals(position, copier.oldestPendingPosition(), "the frame is held in the ring");
      assertTrue(copied.await(10, TimeUnit.SECONDS));

      List<BatchFrame> handed = new ArrayList<>();
      assertEquals(1, copier.handOn(handed::add));
      assertEquals(Long.MAX_VALUE, copier.oldestPendingPosition(), "nothing held once handed on");
      FrameCrop crop = handed.getFirst().images().getFirst();
      assertEquals(new Rect(8, 8, 32, 16), crop.source());
      assertEquals(0x00123456, crop.rgb()[0] & 0xFFFFFF, "the frame's own pixels");
      assertEquals("vision-images", copiedOn.getFirst().getName());
      assertEquals(0, stats.imagesCopiedOnFrameThread());
      assertEquals(0, stats.imagesMissed());
      assertEquals(1, stats.stageDurations(PipelineStage.IMAGES).count());
      copier.finish(handed::add);
    }
  }

  @Test
  void shouldCopyOnTheFrameThreadWhenFourWaitAndStillHandOnInOrder() throws Exception {
    try (FrameRing ring = openRing()) {
      FrameRingWriter writer = ring.writer();
      CountDownLatch release = new CountDownLatch(1);
      PipelineStats stats = new PipelineStats();
      // The copier's thread stops after its first copy, so the frames after it wait.
      ChangeImageCopier copier =
          new ChangeImageCopier(
              ring,
              stats,
              () -> {
                try {
                  release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      List<Long> positions = new ArrayList<>();
      for (int seq = 1; seq <= ChangeImageCopier.MAX_PENDING + 1; seq++) {
        long position = write(writer, seq, seq);
        positions.add(position);
        copier.copy(frame(seq, position), 4, IMAGES, CHANGED, read(ring, position));
      }
      assertEquals(1, stats.imagesCopiedOnFrameThread(), "the fifth frame, copied at once");

      List<BatchFrame> handed = new ArrayList<>();
      copier.handOn(handed::add);
      assertTrue(handed.size() <= 1, "the fifth, though copied, waits for those before it");
      release.countDown();
      copier.finish(handed::add);

      assertEquals(List.of(1L, 2L, 3L, 4L, 5L), handed.stream().map(BatchFrame::seq).toList());
      for (BatchFrame frame : handed) {
        assertEquals(frame.seq(), frame.images().getFirst().rgb()[0] & 0xFFFFFF);
        assertEquals(positions.get((int) frame.seq() - 1), frame.ringPosition());
      }
      assertEquals(Long.MAX_VALUE, copier.oldestPendingPosition());
    }
  }

  @Test
  void shouldHandOnWithoutImagesAFrameTheRingNoLongerHolds() throws Exception {
    try (FrameRing ring = openRing()) {
      FrameRingWriter writer = ring.writer();
      PipelineStats stats = new PipelineStats();
      ChangeImageCopier copier = new ChangeImageCopier(ring, stats, () -> {});
      long position = write(writer, 1, 7);
      FrameView view = read(ring, position);

      copier.copy(frame(1, position + 1), 4, IMAGES, CHANGED, view); // never written

      List<BatchFrame> handed = new ArrayList<>();
      copier.finish(handed::add);
      assertEquals(1, handed.size());
      assertTrue(handed.getFirst().images().isEmpty());
      assertEquals(1, stats.imagesMissed());
    }
  }

  private FrameRing openRing() {
    return FrameRing.open(
        dir.resolve("frames.ring"),
        RingGeometry.forBudget(4 << 20, W, H),
        OffHeapBudget.unlimited());
  }

  /** Writes a frame of one colour; returns its ring position. */
  private static long write(FrameRingWriter writer, long seq, int rgb) {
    assertTrue(writer.tryClaim(W, H));
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        writer.pixels().set(ValueLayout.JAVA_INT, (long) y * writer.strideBytes() + x * 4L, rgb);
      }
    }
    return writer.commit(seq, System.currentTimeMillis() * 1_000_000L, 0);
  }

  private static FrameView read(FrameRing ring, long position) {
    FrameView view = new FrameView();
    assertEquals(ReadStatus.OK, ring.read(position, view));
    return view;
  }

  private static FrameEvent frame(long seq, long position) {
    return new FrameEvent()
        .fill(seq, seq * 1_000_000L, position, seq, false, W, H, 0, 0, null, "test");
  }
}

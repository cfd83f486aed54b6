package dev.ironcliw.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatcherTest {
  private final List<List<BatchFrame>> submitted = new ArrayList<>();
  private final VisionProvider recorder =
      new VisionProvider() {
        @Override
        public String name() {
          return "recorder";
        }

        @Override
        public void submit(List<BatchFrame> batch) {
          submitted.add(batch);
        }

        @Override
        public VisionStatus status() {
          throw new UnsupportedOperationException();
        }
      };

  private static BatchFrame frame(long seq) {
    return new BatchFrame(seq, seq, 0, seq, 1, List.of());
  }

  @Test
  void shouldHandOnAFullBatch() {
    Batcher batcher = new Batcher(recorder, 3, 1_000);
    batcher.add(frame(1), 0);
    batcher.add(frame(2), 1);
    assertTrue(submitted.isEmpty());
    batcher.add(frame(3), 2);
    assertEquals(List.of(List.of(frame(1), frame(2), frame(3))), submitted);
    assertEquals(0, batcher.pendingFrames());
    assertEquals(3, batcher.framesForwarded());
  }

  @Test
  void shouldHandOnAPartialBatchAfterTheWait() {
    Batcher batcher = new Batcher(recorder, 5, 1_000);
    batcher.add(frame(1), 100);
    assertFalse(batcher.poll(1_099));
    assertTrue(batcher.poll(1_100));
    assertEquals(List.of(List.of(frame(1))), submitted);
  }

  @Test
  void shouldApplyNewLimitsLive() {
    Batcher batcher = new Batcher(recorder, 5, 1_000);
    batcher.add(frame(1), 0);
    batcher.setLimits(2, 1_000);
    batcher.add(frame(2), 1);
    assertEquals(1, submitted.size());
  }

  @Test
  void shouldCountBatchesWhenAnalysisIsOff() {
    NoVisionProvider none = new NoVisionProvider("test");
    Batcher batcher = new Batcher(none, 1, 1_000);
    batcher.add(frame(1), 0);
    assertEquals(1, none.status().batchesSubmitted());
    assertEquals("none", none.status().provider());
  }
}

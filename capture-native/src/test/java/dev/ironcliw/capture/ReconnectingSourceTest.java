package dev.ironcliw.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReconnectingSourceTest {
  private static final long SECOND = 1_000_000_000L;

  /** A synthetic desktop that loses its connection when told to. */
  private static final class LosableSource implements CaptureSource {
    private final SyntheticDesktop desktop = new SyntheticDesktop(64, 48);
    boolean lost;
    boolean closed;

    @Override
    public String name() {
      return "losable";
    }

    @Override
    public int maxWidth() {
      return desktop.maxWidth();
    }

    @Override
    public int maxHeight() {
      return desktop.maxHeight();
    }

    @Override
    public boolean isLive() {
      return true;
    }

    @Override
    public Grab grab(int display, long elapsedNanos) {
      if (lost) {
        throw new SourceLostException("lost the connection to losable", null);
      }
      return desktop.grab(display, elapsedNanos);
    }

    @Override
    public int frameWidth() {
      return desktop.frameWidth();
    }

    @Override
    public int frameHeight() {
      return desktop.frameHeight();
    }

    @Override
    public String frameLabel() {
      return desktop.frameLabel();
    }

    @Override
    public void copyFrameTo(java.lang.foreign.MemorySegment pixels, int strideBytes) {
      desktop.copyFrameTo(pixels, strideBytes);
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  @Test
  void shouldPauseWhileLostAndReopenWithDoublingBackoff() {
    long[] now = {0};
    LosableSource first = new LosableSource();
    List<LosableSource> opened = new ArrayList<>();
    AtomicInteger refusals = new AtomicInteger(3);
    List<Long> attemptTimes = new ArrayList<>();
    ReconnectingSource source =
        new ReconnectingSource(
            first,
            () -> {
              attemptTimes.add(now[0]);
              if (refusals.getAndDecrement() > 0) {
                throw new IllegalStateException("no server yet");
              }
              LosableSource next = new LosableSource();
              opened.add(next);
              return next;
            },
            () -> now[0]);

    assertEquals(Grab.FRAME, source.grab(0, 0));
    assertEquals("connected", source.connectionState());

    first.lost = true;
    assertEquals(Grab.PAUSED, source.grab(0, 1));
    assertTrue(first.closed, "the lost source is closed");
    assertEquals("display lost: lost the connection to losable", source.pauseReason());
    assertEquals("disconnected", source.grabMethod());
    assertTrue(source.connectionState().startsWith("lost (lost the connection to losable)"));

    // Ticks every 100 ms for 20 s: attempts at 1 s after the loss, then 2, 4 and 8 s apart.
    for (int tick = 1; tick <= 200; tick++) {
      now[0] = tick * SECOND / 10;
      source.grab(0, now[0]);
    }
    assertEquals(List.of(SECOND, 3 * SECOND, 7 * SECOND, 15 * SECOND), attemptTimes);
    assertEquals(1, opened.size());
    assertEquals(1, source.reconnects());
    assertEquals("connected", source.connectionState());
    assertEquals(Grab.FRAME, source.grab(0, now[0] + 1));
    assertEquals("losable", source.name());
    assertEquals(List.of("losable"), source.displays());
  }

  @Test
  void shouldCapTheBackoffAtThirtySeconds() {
    long[] now = {0};
    LosableSource first = new LosableSource();
    List<Long> attemptTimes = new ArrayList<>();
    ReconnectingSource source =
        new ReconnectingSource(
            first,
            () -> {
              attemptTimes.add(now[0]);
              throw new IllegalStateException("still gone");
            },
            () -> now[0]);
    first.lost = true;
    source.grab(0, 0);
    for (int second = 1; second <= 200; second++) {
      now[0] = second * SECOND;
      assertEquals(Grab.PAUSED, source.grab(0, now[0]));
    }
    // 1, then 2, 4, 8, 16 s apart, then 30 s apart.
    assertEquals(List.of(1L, 3L, 7L, 15L, 31L, 61L, 91L, 121L, 151L, 181L), seconds(attemptTimes));
    assertTrue(source.connectionState().contains("10 reconnect attempts failed"));
  }

  private static List<Long> seconds(List<Long> nanos) {
    return nanos.stream().map(n -> n / SECOND).toList();
  }
}

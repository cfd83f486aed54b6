package dev.ironcliw.daemon.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.capture.FocusedWindow;
import dev.ironcliw.daemon.journal.record.ContextEventRecord;
import dev.ironcliw.ring.Rect;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Frames and the focused window's change through the capture-to-pipeline queue. */
class FrameEventsTest {
  private static List<ContextEventRecord> drain(FrameEvents events) {
    List<ContextEventRecord> contexts = new ArrayList<>();
    events.drain(
        new FrameEvents.Handler() {
          @Override
          public void onFrame(FrameEvent frame) {}

          @Override
          public void onCaptureState(long timeNanos, int display, boolean paused, String reason) {}

          @Override
          public void onContext(ContextEventRecord context) {
            contexts.add(context);
          }
        },
        10);
    return contexts;
  }

  @Test
  void shouldCarryTheFocusedWindowAndCutALongTitleBetweenCharacters() {
    FrameEvents events = new FrameEvents(1 << 16);
    events.publishContext(5, 42, new FocusedWindow("XTerm", "bash: ~/src", 1, false));
    events.publishContext(6, 43, FocusedWindow.excludedOn(0));
    String longTitle = "é".repeat(2000); // 2 bytes each
    events.publishContext(7, 44, new FocusedWindow("Gedit", longTitle, 0, false));

    List<ContextEventRecord> got = drain(events);
    assertEquals(new ContextEventRecord(5, 42, 1, "XTerm", "bash: ~/src", false), got.get(0));
    assertEquals(new ContextEventRecord(6, 43, 0, "", "", true), got.get(1));
    String cut = got.get(2).window();
    assertEquals(FrameEventDescriptor.MAX_TITLE_BYTES, cut.getBytes(StandardCharsets.UTF_8).length);
    assertTrue(cut.chars().allMatch(c -> c == 'é'), "cut between characters");
    assertEquals(3, FrameEvents.utf8Prefix("aé€", 4).length, "a and é; € would not fit whole");
  }

  /** What a frame event held while the handler had it: the event is filled again for the next. */
  private record Seen(
      long seq, int display, List<Rect> damage, String label, boolean same, FrameEvent event) {}

  private static List<Seen> drainFrames(FrameEvents events) {
    List<Seen> seen = new ArrayList<>();
    events.drain(
        new FrameEvents.Handler() {
          @Override
          public void onFrame(FrameEvent f) {
            seen.add(new Seen(f.seq(), f.display(), f.damage(), f.label(), f.sameAsPrevious(), f));
          }

          @Override
          public void onCaptureState(long timeNanos, int display, boolean paused, String reason) {}

          @Override
          public void onContext(ContextEventRecord context) {}
        },
        10);
    return seen;
  }

  @Test
  void shouldFillOneEventForEveryFrameAndDecodeADisplaysLabelOnce() {
    FrameEvents events = new FrameEvents(1 << 16);
    byte[] screen = "screen-0".getBytes(StandardCharsets.UTF_8);
    events.publishFrame(1, 10, 0, 7, false, 64, 32, 0, 0, List.of(new Rect(1, 2, 3, 4)), screen);
    events.publishFrame(2, 20, 0, 7, true, 64, 32, 0, 0, null, screen.clone());
    events.publishFrame(3, 30, 1, 8, false, 64, 32, 0, 0, List.of(), "b.png".getBytes());
    events.publishFrame(4, 40, 2, 9, false, 64, 32, 1, 0, null, screen);

    List<Seen> seen = drainFrames(events);
    assertEquals(List.of(1L, 2L, 3L, 4L), seen.stream().map(Seen::seq).toList());
    assertEquals(List.of(new Rect(1, 2, 3, 4)), seen.get(0).damage());
    assertNull(seen.get(1).damage(), "no hint");
    assertEquals(List.of(), seen.get(2).damage(), "a hint of nothing");
    assertTrue(seen.get(1).same());
    assertEquals("screen-0", seen.get(0).label());
    assertSame(seen.get(0).label(), seen.get(1).label(), "the same bytes: decoded once");
    assertEquals("b.png", seen.get(2).label());
    assertEquals("screen-0", seen.get(3).label(), "display 1 keeps its own");
    assertEquals(1, seen.get(3).display());
    assertTrue(seen.stream().allMatch(s -> s.event() == seen.get(0).event()), "one event, reused");
  }
}

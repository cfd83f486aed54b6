package dev.ironcliw.daemon.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.capture.FocusedWindow;
import dev.ironcliw.daemon.journal.record.ContextEventRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The focused window's change through the capture-to-pipeline queue. */
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
}

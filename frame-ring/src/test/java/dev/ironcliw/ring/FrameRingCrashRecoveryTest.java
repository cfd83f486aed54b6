package dev.ironcliw.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGKILL a child JVM while it writes frames, reopen the ring, find every completed frame. */
class FrameRingCrashRecoveryTest {
  private static final int W = 256;
  private static final int H = 128;
  private static final long BUDGET = 16 * 135168L + 4096;

  @Test
  void shouldKeepEveryCompletedFrameAfterTheWriterIsKilledMidWrite(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("frames.ring");
    RingGeometry geometry = RingGeometry.forBudget(BUDGET, W, H);
    for (int round = 0; round < 3; round++) {
      long lastReported = runChildAndKill(file, 100 + round * 37);
      try (FrameRing ring = FrameRing.open(file, geometry, OffHeapBudget.unlimited())) {
        RecoveryReport report = ring.recoveryReport();
        assertTrue(report.reopened());
        // The child may have been one frame past its last report: that slot may be lost, every
        // other completed frame of the last slotCount must be intact.
        int slots = geometry.slotCount();
        FrameView view = new FrameView();
        for (long p = lastReported - slots + 2; p <= lastReported; p++) {
          assertEquals(ReadStatus.OK, ring.read(p, view), "completed frame at position " + p);
          assertTrue(TestFrames.matches(view.pixels(), view.frameSeq()), "content of " + p);
          assertTrue(view.stillValid());
        }
        assertTrue(report.nextPosition() >= lastReported + 1);
        assertTrue(report.validSlots() >= slots - 1);
        System.out.printf(
            "crash round %d: killed after position %d; %d slots recovered, %d discarded%n",
            round, lastReported, report.validSlots(), report.discardedSlots());
      }
    }
  }

  /** Starts the writer child, waits for {@code commits} more reports, kills it with SIGKILL. */
  private static long runChildAndKill(Path file, int commits) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--add-modules=jdk.incubator.vector"); // FrameHash
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("--sun-misc-unsafe-memory-access=allow");
    command.add("--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(RingWriterChild.class.getName());
    command.add(file.toString());
    command.add(Integer.toString(W));
    command.add(Integer.toString(H));
    command.add(Long.toString(BUDGET));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    long last = -1;
    int seen = 0;
    boolean killed = false;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      // Reading lags the child; after the kill, drain the pipe: its last line is the child's
      // last completed commit.
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("committed ")) {
          last = Long.parseLong(line.split(" ")[1]);
          if (++seen == commits) {
            child.toHandle().destroyForcibly(); // SIGKILL on Unix; keeps our pipe open
            killed = true;
          }
        } else {
          System.out.println("child: " + line);
        }
      }
    }
    assertTrue(killed, "child ended before it was killed");
    assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    assertEquals(137, child.exitValue(), "child was not killed by SIGKILL");
    return last;
  }
}

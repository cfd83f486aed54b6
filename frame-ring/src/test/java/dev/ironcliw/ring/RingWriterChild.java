package dev.ironcliw.ring;

import java.nio.file.Path;

/**
 * Child process for {@link FrameRingCrashRecoveryTest}: writes frames at full speed and prints
 * "committed POSITION SEQ" after each commit, until it is killed.
 */
public final class RingWriterChild {
  private RingWriterChild() {}

  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    int width = Integer.parseInt(args[1]);
    int height = Integer.parseInt(args[2]);
    RingGeometry geometry = RingGeometry.forBudget(Long.parseLong(args[3]), width, height);
    FrameRing ring = FrameRing.open(file, geometry, OffHeapBudget.unlimited());
    FrameRingWriter writer = ring.writer();
    for (long seq = 0; ; seq++) {
      long position = TestFrames.write(writer, width, height, seq);
      System.out.println("committed " + position + " " + seq);
      System.out.flush();
    }
  }
}

package dev.ironcliw.daemon;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ironcliw.config.ConfigLoader;
import dev.ironcliw.config.MemorySettings;
import io.vertx.core.json.JsonObject;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long replay through a daemon started as {@code ./ironcliw run} starts it, with the default
 * memory budgets: its resident memory, read from {@code /proc} every 200 ms, never passes {@code
 * memory.total} plus {@link MemorySettings#FIXED_OVERHEAD_BYTES}. The synthetic 1920x1080 desktop
 * (typing, a window opening and closing, a clock) drawn as fast as the pipeline takes it, capture
 * times 100 ms apart, for 40 s: the start, the heap grown to its budget, the ring resident (at that
 * rate its pages are not given back at each frame) and about an hour of capture time. {@code
 * DayReplayRun} does the same for a whole day, and fails the same way.
 */
class DaemonResidentCeilingTest {
  private static final long REPLAY_MILLIS = 40_000;
  private static final long SAMPLE_MILLIS = 200;

  /**
   * At least this many frames (about 17 minutes of capture time) in the 40 s, even on a slow
   * machine: about 35,000 on the 2-core VM here, while the JIT is still compiling the pipeline.
   */
  private static final long LEAST_FRAMES = 10_000;

  @TempDir Path dir;

  @Test
  void shouldStayUnderTheTotalPlusTheFixedOverheadThroughALongReplay() throws Exception {
    assumeTrue(
        Files.isReadable(Path.of("/proc/self/status")),
        "resident memory is read from /proc/PID/status, which only Linux has");
    Path config = dir.resolve("ironcliw.yaml");
    Files.writeString(
        config,
        """
        capture:
          replayFast: true
          synthetic:
            width: 1920
            height: 1080
        vision:
          provider: none
        diff:
          backend: cpu
        """);
    MemorySettings memory = ConfigLoader.forThisMachine().load(config, true, Map.of()).memory();
    long ceiling = memory.residentCeilingBytes();
    List<Long> residentBytes = new ArrayList<>();
    long frames;
    String how;
    try (DaemonProcess daemon =
        DaemonProcess.start(
                null,
                dir.resolve("data"),
                DaemonProcess.freePort(),
                (memory.heapBytes() >> 20) + "m",
                launcherFootprintFlags(),
                Map.of("MALLOC_ARENA_MAX", "2"),
                "--config",
                config.toString(),
                "--source",
                "synthetic")
            .awaitReady()) {
      Path status = Path.of("/proc", Long.toString(daemon.pid()), "status");
      long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REPLAY_MILLIS);
      while (System.nanoTime() < end) {
        residentBytes.add(residentBytes(status));
        Thread.sleep(SAMPLE_MILLIS);
      }
      JsonObject last = daemon.status();
      frames = last.getJsonObject("frames").getLong("processed");
      // What a slow run would be asked first: what diffed, what each stage took, what the ring
      // took out and mapped back.
      how =
          "diff "
              + last.getJsonObject("diff").getString("backend")
              + ", stage microseconds "
              + last.getJsonObject("frames").getJsonObject("stageMicros")
              + ", ring unmapped "
              + last.getJsonObject("ring").getLong("unmappedBytes")
              + " bytes, remap "
              + last.getJsonObject("ring").getValue("remapMicrosPerMiB")
              + " us/MiB";
    }
    long max = residentBytes.stream().mapToLong(Long::longValue).max().orElseThrow();
    long median = residentBytes.stream().sorted().toList().get(residentBytes.size() / 2);
    String figures =
        String.format(
            "%,d frames (%.1f h of capture time) in %d s: resident memory median %d MiB, max %d"
                + " MiB, ceiling %d MiB (memory.total %d + fixed overhead %d)",
            frames,
            frames / 36_000.0,
            REPLAY_MILLIS / 1000,
            median >> 20,
            max >> 20,
            ceiling >> 20,
            memory.totalBytes() >> 20,
            MemorySettings.FIXED_OVERHEAD_BYTES >> 20);
    System.out.println("resident ceiling: " + figures + "; " + how);
    assertTrue(frames >= LEAST_FRAMES, "a long replay: " + figures + "; " + how);
    assertTrue(max <= ceiling, "under the ceiling: " + figures);
  }

  /** VmRSS of {@code status}, a /proc/PID/status file, in bytes. */
  private static long residentBytes(Path status) throws Exception {
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) << 10;
      }
    }
    throw new AssertionError("no VmRSS in " + status);
  }

  /**
   * What {@code ./ironcliw run} adds for the daemon's footprint (its {@code footprint_collector}
   * and {@code footprint_native}): Shenandoah's compact mode where the JDK has it, and the native
   * heap trimmed every 5 s (the collector's polling and pacer as the launcher sets them);
   * MALLOC_ARENA_MAX=2 is set in the environment above.
   */
  private static List<String> launcherFootprintFlags() throws Exception {
    List<String> flags = new ArrayList<>(List.of("-XX:TrimNativeHeapInterval=5000"));
    List<String> collector =
        List.of(
            "-XX:+UseShenandoahGC",
            "-XX:ShenandoahGCHeuristics=compact",
            "-XX:+UnlockExperimentalVMOptions",
            "-XX:ShenandoahControlIntervalMin=10",
            "-XX:ShenandoahControlIntervalMax=100",
            "-XX:-ShenandoahPacing");
    List<String> probe = new ArrayList<>();
    probe.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    probe.addAll(collector);
    probe.add("-version");
    Process version = new ProcessBuilder(probe).redirectErrorStream(true).start();
    version.getInputStream().transferTo(OutputStream.nullOutputStream());
    if (version.waitFor() == 0) {
      flags.addAll(collector);
    }
    return flags;
  }
}

package dev.ironcliw.daemon;

import dev.ironcliw.config.DiffSettings;
import dev.ironcliw.diff.DeviceException;
import dev.ironcliw.diff.DiffEngine;
import dev.ironcliw.diff.DiffTiming;
import dev.ironcliw.diff.EngineSelfTest;
import dev.ironcliw.diff.FallbackDiffEngine;
import dev.ironcliw.diff.GpuBufferBudget;
import dev.ironcliw.diff.ScalarTileDiffEngine;
import dev.ironcliw.diff.SimdTileDiffEngine;
import dev.ironcliw.diff.opencl.OpenClDevice;
import dev.ironcliw.diff.opencl.OpenClTileDiffEngine;
import dev.ironcliw.diff.vulkan.VulkanTileDiffEngine;
import dev.ironcliw.ring.FrameRingWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the diff engine for {@code diff.backend}. {@code auto} times the CPU engine on frames of
 * the capture's size; where its diffs cost a share of a core worth saving, it times the CPU engine
 * and every OpenCL and Vulkan device that passes the self-test in a child process ({@link
 * GpuProbeProcess}), and takes the fastest; {@code opencl} and {@code vulkan} take their device
 * whatever its speed if it passes. A device engine runs with the CPU engine behind it.
 */
public final class DiffEngines {
  private static final Logger LOG = LoggerFactory.getLogger(DiffEngines.class);

  /**
   * A device engine wins only when it diffs this many times faster than the CPU engine: timings in
   * a child process at start are noisy, and a device's driver costs the daemon memory.
   */
  static final double CLEAR_MARGIN = 1.5;

  /**
   * {@code auto} tries the devices only when the CPU engine's diffs at the capture's rate take at
   * least this share of a core: below it a device could save less than that, and trying one costs
   * the start a child JVM and its drivers (2.6 s here idle, 10-18 s on a loaded machine).
   */
  static final double MIN_CORE_SHARE_TO_TRY_DEVICES = 0.01;

  /** {@link Race#winner} when no device engine beat the CPU engine. */
  static final String CPU = "cpu";

  /** {@link Race#winner} for the Vulkan engine. */
  static final String VULKAN = "vulkan";

  /**
   * {@link Race#winner} for an OpenCL device: this, then its index in {@link OpenClDevice#list}.
   */
  static final String OPENCL = "opencl:";

  /**
   * The engine and why it was chosen.
   *
   * @param engine the engine
   * @param reason one line for status and the log
   */
  public record Choice(DiffEngine engine, String reason) {}

  /**
   * What {@link #race} found.
   *
   * @param winner {@link #CPU}, {@link #VULKAN} or {@link #OPENCL} and a device index
   * @param reason one line: each engine's time, or why it did not run
   */
  record Race(String winner, String reason) {}

  /**
   * An engine that started and passed its self-test, or why it did not.
   *
   * @param engine the engine, or null
   * @param buffers counts the engine's buffers in a budget
   * @param failure why there is no engine, or null
   */
  record Started(DiffEngine engine, Consumer<GpuBufferBudget> buffers, String failure) {}

  private DiffEngines() {}

  /**
   * @param width the widest frame the engine will diff, in pixels: {@code auto} times engines on it
   * @param height the tallest frame the engine will diff, in pixels
   * @param diffsPerSecond how many such diffs the capture asks for at most: its rate times its
   *     displays
   * @param buffers where a GPU engine's buffers are counted once it passed its self-test
   */
  public static Choice select(
      DiffSettings settings,
      int width,
      int height,
      double diffsPerSecond,
      GpuBufferBudget buffers) {
    DiffEngine cpu = cpuEngine(settings);
    Choice choice =
        switch (settings.backend()) {
          case "cpu" -> new Choice(cpu, "diff.backend is cpu");
          case "opencl" -> openCl(settings, cpu, buffers);
          case "vulkan" -> vulkan(settings, cpu, buffers);
          default -> auto(settings, width, height, diffsPerSecond, cpu, buffers);
        };
    LOG.info("diff: {} ({})", choice.engine().backend(), choice.reason());
    return choice;
  }

  /**
   * {@code auto}: the CPU engine is timed here (its warm-up is the compiler's work the daemon needs
   * anyway); only when its diffs take {@link #MIN_CORE_SHARE_TO_TRY_DEVICES} of a core does the
   * race run, in a child process, and the daemon loads a device's driver itself only when that
   * device won it (see {@link GpuProbeProcess}). A timing made long by a busy machine only sends
   * the choice to the race, which times the CPU engine again.
   */
  private static Choice auto(
      DiffSettings settings,
      int width,
      int height,
      double diffsPerSecond,
      DiffEngine cpu,
      GpuBufferBudget buffers) {
    long cpuNanos = DiffTiming.settledNanos(cpu, width, height);
    double coreShare = cpuNanos * diffsPerSecond / 1e9;
    if (coreShare < MIN_CORE_SHARE_TO_TRY_DEVICES) {
      return new Choice(
          cpu,
          String.format(
              Locale.ROOT,
              "auto: one %dx%d diff took %s on %s, %.2f%% of a core at %.0f diffs a second;"
                  + " no device tried (one could save less than %.0f%%)",
              width,
              height,
              millis(cpuNanos),
              cpu.backend(),
              coreShare * 100,
              diffsPerSecond,
              MIN_CORE_SHARE_TO_TRY_DEVICES * 100));
    }
    Race race = GpuProbeProcess.run(settings, width, height);
    Started started;
    if (race.winner().equals(VULKAN)) {
      started = startVulkan(settings);
    } else if (race.winner().startsWith(OPENCL)) {
      int index = Integer.parseInt(race.winner().substring(OPENCL.length()));
      List<OpenClDevice> devices = OpenClDevice.list();
      started =
          index < devices.size()
              ? startOpenCl(devices.get(index), settings)
              : new Started(null, null, "OpenCL device " + index + " is gone");
    } else {
      return new Choice(cpu, race.reason());
    }
    if (started.failure() != null) {
      return new Choice(cpu, race.reason() + "; here it " + started.failure() + "; CPU engine");
    }
    return use(started, cpu, buffers, race.reason() + "; self-test passed");
  }

  /**
   * Times {@code cpu} and every device engine that starts and passes its self-test on a {@code
   * width} x {@code height} frame; the fastest wins. Loads every driver: run in the child.
   */
  static Race race(DiffSettings settings, int width, int height, DiffEngine cpu) {
    List<Entrant> entrants = new ArrayList<>();
    List<OpenClDevice> devices = OpenClDevice.list();
    for (int i = 0; i < devices.size(); i++) {
      OpenClDevice device = devices.get(i);
      entrants.add(new Entrant(OPENCL + i, () -> startOpenCl(device, settings)));
    }
    entrants.add(new Entrant(VULKAN, () -> startVulkan(settings)));
    return fastest(
        width, height, cpu, entrants, devices.isEmpty() ? List.of("no OpenCL device") : List.of());
  }

  /**
   * A device engine in the race.
   *
   * @param id what {@link Race#winner} says when it wins
   * @param start starts the engine, or says why it is not in the race
   */
  record Entrant(String id, Supplier<Started> start) {}

  /**
   * The fastest of {@code cpu} and the {@code entrants} that started, each timed on a {@code width}
   * x {@code height} frame. One at a time: the CPU engine first, before any driver is loaded, until
   * the compiler is done with it ({@link DiffTiming#settledNanos}); then each entrant started,
   * timed and closed before the next (a driver's worker threads may still spin after its engine's
   * work, pocl's do), so none is timed while another's threads take the cores.
   *
   * @param notes what the reason says of devices not in the race
   */
  static Race fastest(
      int width, int height, DiffEngine cpu, List<Entrant> entrants, List<String> notes) {
    List<String> figures = new ArrayList<>();
    String winner = CPU;
    String winnerName = "the CPU engine";
    long best = Long.MAX_VALUE;
    long cpuNanos = DiffTiming.settledNanos(cpu, width, height);
    figures.add("");
    figures.addAll(notes);
    for (Entrant entrant : entrants) {
      Started started = entrant.start().get();
      if (started.failure() != null) {
        figures.add(started.failure());
        continue;
      }
      try (DiffEngine engine = started.engine()) {
        long nanos = DiffTiming.leastNanos(engine, width, height);
        figures.add(millis(nanos) + " on " + engine.backend());
        if (nanos < best && nanos * CLEAR_MARGIN < cpuNanos) {
          best = nanos;
          winner = entrant.id();
          winnerName = engine.backend();
        }
      } catch (DeviceException e) {
        figures.add(started.engine().backend() + " failed while timed (" + e.getMessage() + ")");
      }
    }
    figures.set(0, millis(cpuNanos) + " on " + cpu.backend());
    if (best * CLEAR_MARGIN >= cpuNanos) {
      winner = CPU;
      winnerName = "the CPU engine";
    }
    return new Race(
        winner,
        "auto: one "
            + width
            + "x"
            + height
            + " diff took "
            + String.join(", ", figures)
            + "; fastest: "
            + winnerName);
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
  }

  /**
   * Where {@code engine} is the CPU engine, has {@code writer} do its work as capture copies each
   * frame into the ring ({@link FrameRingWriter#diffWhileCopying}): the frame is then read from
   * memory once, not again by the pipeline. A device engine keeps its diffs. The system property
   * {@code ironcliw.noCopyDiff=true} leaves the diffs to the engine, to measure what this saves.
   *
   * @return whether the writer diffs
   */
  public static boolean letWriterDiff(FrameRingWriter writer, DiffEngine engine, int tileSize) {
    if (!(engine instanceof SimdTileDiffEngine) || Boolean.getBoolean("ironcliw.noCopyDiff")) {
      return false;
    }
    LOG.info("diff: {}", WRITER_DIFFS);
    writer.diffWhileCopying(tileSize);
    return true;
  }

  /** Said of the CPU engine when the ring writer makes its diffs ({@link #letWriterDiff}). */
  public static final String WRITER_DIFFS = "made by capture as it copies each frame in";

  static DiffEngine cpuEngine(DiffSettings settings) {
    try {
      return new SimdTileDiffEngine(
          settings.tileSize(), settings.tileThreshold(), settings.threads());
    } catch (LinkageError e) {
      // Started without --add-modules=jdk.incubator.vector: same results, slower.
      LOG.warn(
          "diff: the Vector API module is not available ({}); using the scalar engine",
          e.toString());
      return new ScalarTileDiffEngine(settings.tileSize(), settings.tileThreshold());
    }
  }

  private static Choice vulkan(DiffSettings settings, DiffEngine cpu, GpuBufferBudget buffers) {
    Started started = startVulkan(settings);
    if (started.failure() != null) {
      return new Choice(cpu, "diff.backend is vulkan; " + started.failure() + "; CPU engine");
    }
    return use(started, cpu, buffers, "diff.backend is vulkan; self-test passed");
  }

  private static Choice openCl(DiffSettings settings, DiffEngine cpu, GpuBufferBudget buffers) {
    List<OpenClDevice> devices = OpenClDevice.list();
    if (devices.isEmpty()) {
      return new Choice(cpu, "diff.backend is opencl but no OpenCL device; CPU engine");
    }
    Started started = startOpenCl(devices.getFirst(), settings);
    if (started.failure() != null) {
      return new Choice(cpu, "diff.backend is opencl; " + started.failure() + "; CPU engine");
    }
    return use(started, cpu, buffers, "diff.backend is opencl; self-test passed");
  }

  /** {@code started}'s engine with {@code cpu} behind it, its buffers counted in {@code budget}. */
  private static Choice use(
      Started started, DiffEngine cpu, GpuBufferBudget budget, String reason) {
    started.buffers().accept(budget);
    return new Choice(new FallbackDiffEngine(started.engine(), cpu), reason);
  }

  private static Started startVulkan(DiffSettings settings) {
    VulkanTileDiffEngine engine;
    try {
      engine = new VulkanTileDiffEngine(settings.tileSize(), settings.tileThreshold(), false);
    } catch (DeviceException | LinkageError e) {
      return new Started(null, null, "vulkan: unavailable (" + e.getMessage() + ")");
    }
    return selfTested(engine, engine::accountTo, settings);
  }

  private static Started startOpenCl(OpenClDevice device, DiffSettings settings) {
    OpenClTileDiffEngine engine;
    try {
      engine = new OpenClTileDiffEngine(device, settings.tileSize(), settings.tileThreshold());
    } catch (DeviceException | LinkageError e) {
      return new Started(
          null, null, "OpenCL on " + device.name() + " failed to start (" + e.getMessage() + ")");
    }
    return selfTested(engine, engine::accountTo, settings);
  }

  private static Started selfTested(
      DiffEngine engine, Consumer<GpuBufferBudget> buffers, DiffSettings settings) {
    String failure = EngineSelfTest.check(engine, settings.tileSize());
    if (failure != null) {
      String name = engine.backend();
      engine.close();
      return new Started(null, null, name + " failed its self-test (" + failure + ")");
    }
    return new Started(engine, buffers, null);
  }
}

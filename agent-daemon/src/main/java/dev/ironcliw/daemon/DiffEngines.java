package dev.ironcliw.daemon;

import dev.ironcliw.config.DiffSettings;
import dev.ironcliw.diff.DeviceException;
import dev.ironcliw.diff.DiffEngine;
import dev.ironcliw.diff.EngineSelfTest;
import dev.ironcliw.diff.FallbackDiffEngine;
import dev.ironcliw.diff.GpuBufferBudget;
import dev.ironcliw.diff.ScalarTileDiffEngine;
import dev.ironcliw.diff.SimdTileDiffEngine;
import dev.ironcliw.diff.opencl.OpenClDevice;
import dev.ironcliw.diff.opencl.OpenClTileDiffEngine;
import dev.ironcliw.diff.vulkan.VulkanTileDiffEngine;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the diff engine for {@code diff.backend}. {@code auto} probes OpenCL, then Vulkan (in a
 * child process first), takes the first GPU that passes the self-test, and stays on the CPU for
 * CPU-type devices (pocl, lavapipe); {@code opencl} and {@code vulkan} take their device whatever
 * its type if it passes. A device engine runs with the CPU engine behind it.
 */
public final class DiffEngines {
  private static final Logger LOG = LoggerFactory.getLogger(DiffEngines.class);

  /**
   * The engine and why it was chosen.
   *
   * @param engine the engine
   * @param reason one line for status and the log
   */
  public record Choice(DiffEngine engine, String reason) {}

  private DiffEngines() {}

  /**
   * @param buffers where a GPU engine's buffers are counted once it passed its self-test
   */
  public static Choice select(DiffSettings settings, GpuBufferBudget buffers) {
    DiffEngine cpu = cpuEngine(settings);
    Choice choice =
        switch (settings.backend()) {
          case "cpu" -> new Choice(cpu, "diff.backend is cpu");
          case "opencl" -> openCl(settings, cpu, true, buffers);
          case "vulkan" -> vulkan(settings, cpu, true, "", buffers);
          default -> auto(settings, cpu, buffers);
        };
    LOG.info("diff: {} ({})", choice.engine().backend(), choice.reason());
    return choice;
  }

  /**
   * {@code auto}: looks for a GPU in a child process first, and loads the drivers into the daemon
   * only when that found one (see {@link GpuProbeProcess}).
   */
  private static Choice auto(DiffSettings settings, DiffEngine cpu, GpuBufferBudget buffers) {
    GpuProbeProcess.Outcome outcome = GpuProbeProcess.run(settings);
    return outcome.gpuFound() ? probe(settings, cpu, buffers) : new Choice(cpu, outcome.reason());
  }

  /** OpenCL, then Vulkan: the first GPU that passes its self-test, else {@code cpu}. */
  static Choice probe(DiffSettings settings, DiffEngine cpu, GpuBufferBudget buffers) {
    Choice openCl = openCl(settings, cpu, false, buffers);
    return openCl.engine() != cpu ? openCl : vulkan(settings, cpu, false, openCl.reason(), buffers);
  }

  private static DiffEngine cpuEngine(DiffSettings settings) {
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

  private static Choice vulkan(
      DiffSettings settings,
      DiffEngine cpu,
      boolean forced,
      String before,
      GpuBufferBudget buffers) {
    String prefix = forced ? "diff.backend is vulkan" : before + "; Vulkan";
    VulkanTileDiffEngine engine;
    try {
      engine = new VulkanTileDiffEngine(settings.tileSize(), settings.tileThreshold(), false);
    } catch (DeviceException | LinkageError e) {
      return new Choice(cpu, prefix + ": unavailable (" + e.getMessage() + "); CPU engine");
    }
    if (!forced && !engine.onGpu()) {
      String name = engine.backend();
      engine.close();
      return new Choice(
          cpu, prefix + ": only " + name + ", slower than the CPU engine; CPU engine");
    }
    String failure = EngineSelfTest.check(engine, settings.tileSize());
    if (failure != null) {
      engine.close();
      return new Choice(cpu, prefix + ": failed its self-test (" + failure + "); CPU engine");
    }
    engine.accountTo(buffers);
    return new Choice(new FallbackDiffEngine(engine, cpu), prefix + "; self-test passed");
  }

  private static Choice openCl(
      DiffSettings settings, DiffEngine cpu, boolean forced, GpuBufferBudget buffers) {
    List<OpenClDevice> devices = OpenClDevice.list();
    List<OpenClDevice> usable =
        forced ? devices : devices.stream().filter(OpenClDevice::gpu).toList();
    if (usable.isEmpty()) {
      String found =
          devices.isEmpty()
              ? "no OpenCL device"
              : "only CPU-type OpenCL devices ("
                  + String.join(", ", devices.stream().map(OpenClDevice::name).toList())
                  + "), slower than the CPU engine";
      return new Choice(
          cpu, (forced ? "diff.backend is opencl but " : "auto: ") + found + "; CPU engine");
    }
    OpenClDevice device = usable.getFirst();
    OpenClTileDiffEngine engine;
    try {
      engine = new OpenClTileDiffEngine(device, settings.tileSize(), settings.tileThreshold());
    } catch (DeviceException | LinkageError e) {
      return new Choice(
          cpu,
          "OpenCL on " + device.name() + " failed to start (" + e.getMessage() + "); CPU engine");
    }
    String failure = EngineSelfTest.check(engine, settings.tileSize());
    if (failure != null) {
      engine.close();
      return new Choice(
          cpu,
          "OpenCL on " + device.name() + " failed its self-test (" + failure + "); CPU engine");
    }
    engine.accountTo(buffers);
    return new Choice(
        new FallbackDiffEngine(engine, cpu),
        (forced ? "diff.backend is opencl" : "auto: a GPU") + "; self-test passed");
  }
}

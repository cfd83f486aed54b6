package dev.ironcliw.diff;

import dev.ironcliw.ring.FrameView;
import dev.ironcliw.ring.Rect;
import dev.ironcliw.ring.TileDiff;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device engine with the CPU engine behind it: when the device fails (lost, out of memory), the
 * same frame is diffed on the CPU, so no frame is lost, and the CPU engine is used from then on.
 * {@link #backend()} says which is in use and why.
 */
public final class FallbackDiffEngine implements DiffEngine {
  private static final Logger LOG = LoggerFactory.getLogger(FallbackDiffEngine.class);

  private final DiffEngine device;
  private final DiffEngine cpu;
  private volatile boolean failedOver;
  private volatile String reason = "";

  public FallbackDiffEngine(DiffEngine device, DiffEngine cpu) {
    this.device = device;
    this.cpu = cpu;
  }

  @Override
  public String backend() {
    return failedOver
        ? cpu.backend() + " after " + device.backend() + " failed: " + reason
        : device.backend();
  }

  public boolean failedOver() {
    return failedOver;
  }

  @Override
  public TileDiff diff(FrameView previous, FrameView current, List<Rect> damage) {
    if (!failedOver) {
      try {
        return device.diff(previous, current, damage);
      } catch (DeviceException e) {
        reason = e.getMessage();
        failedOver = true;
        LOG.error(
            "diff: {} failed ({}); using {} from now on", device.backend(), reason, cpu.backend());
      }
    }
    return cpu.diff(previous, current, damage);
  }

  @Override
  public void setTileThreshold(long threshold) {
    device.setTileThreshold(threshold);
    cpu.setTileThreshold(threshold);
  }

  @Override
  public long tileThreshold() {
    return cpu.tileThreshold();
  }

  @Override
  public void close() {
    try {
      device.close();
    } catch (RuntimeException e) {
      LOG.warn("closing {}: {}", device.backend(), e.toString());
    }
    cpu.close();
  }
}

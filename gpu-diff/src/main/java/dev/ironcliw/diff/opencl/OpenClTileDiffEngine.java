package dev.ironcliw.diff.opencl;

import static org.lwjgl.opencl.CL10.*;

import dev.ironcliw.diff.DeviceException;
import dev.ironcliw.diff.DiffEngine;
import dev.ironcliw.diff.GpuBufferBudget;
import dev.ironcliw.diff.LwjglLibraries;
import dev.ironcliw.ring.FrameView;
import dev.ironcliw.ring.Rect;
import dev.ironcliw.ring.TileDiff;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.lwjgl.PointerBuffer;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;

/**
 * The tile diff on an OpenCL device: the frames are written to two device buffers that take turns,
 * so the previous frame stays on the device and only the new one is uploaded; one work-item per
 * tile sums |a - b| over B, G, R; the per-tile sums are read back. Any failing call throws {@link
 * DeviceException}. Results equal the CPU engines'. Used by one thread.
 */
public final class OpenClTileDiffEngine implements DiffEngine {
  static {
    LwjglLibraries.configure();
  }

  /** How the work is laid out on the device. */
  public enum Kernel {
    /** One work-item per tile looping over its pixels: fastest on CPU devices (pocl). */
    PER_TILE,
    /** One work group per tile with a local reduction: the GPU layout. */
    WORK_GROUP
  }

  /** How frames reach the device. */
  public enum Transfer {
    /**
     * The device reads the frame where it lies (CL_MEM_USE_HOST_PTR over the ring slot): no copy;
     * for devices that share memory with the host.
     */
    ZERO_COPY,
    /**
     * Each new frame is copied into a pinned (CL_MEM_ALLOC_HOST_PTR) staging buffer and from there
     * to a device buffer; the previous frame stays on the device. For discrete GPUs.
     */
    PINNED_STAGING
  }

  private static final int MAX_GROUP = 256;
  private final OpenClDevice device;
  private final TileDiff result;
  private final long context;
  private final long queue;
  private final long program;
  private final long kernel;
  private final Kernel layout;
  private final Transfer transfer;
  private long staging;
  private final int group;
  private final long[] frames = new long[2];
  private long frameCapacity;
  private long sadBuffer;
  private int sadCapacity;
  private ByteBuffer sadHost;
  private int deviceHolds = -1; // which of frames[] holds the last current frame
  private long heldFingerprint;
  private long heldPosition;
  private volatile long tileThreshold;
  private GpuBufferBudget buffers = GpuBufferBudget.unlimited();

  /**
   * @throws DeviceException when the context, queue or kernel cannot be made
   */
  public OpenClTileDiffEngine(OpenClDevice device, int tileSize, long tileThreshold) {
    this(
        device,
        tileSize,
        tileThreshold,
        device.gpu() ? Kernel.WORK_GROUP : Kernel.PER_TILE,
        device.unifiedMemory() ? Transfer.ZERO_COPY : Transfer.PINNED_STAGING);
  }

  /**
   * @param layout the kernel to use whatever the device type (tests run both on pocl)
   * @throws DeviceException when the context, queue or kernel cannot be made
   */
  public OpenClTileDiffEngine(
      OpenClDevice device, int tileSize, long tileThreshold, Kernel layout, Transfer transfer) {
    this.device = device;
    this.layout = layout;
    this.transfer = transfer;
    this.result = new TileDiff(tileSize);
    this.tileThreshold = tileThreshold;
    try (MemoryStack stack = MemoryStack.stackPush()) {
      IntBuffer error = stack.mallocInt(1);
      PointerBuffer properties = stack.mallocPointer(3);
      properties.put(CL_CONTEXT_PLATFORM).put(device.platform()).put(0).flip();
      context = clCreateContext(properties, device.device(), null, 0, error);
      check(error.get(0), "clCreateContext");
      queue = clCreateCommandQueue(context, device.device(), 0, error);
      check(error.get(0), "clCreateCommandQueue");
      program = clCreateProgramWithSource(context, kernelSource(), error);
      check(error.get(0), "clCreateProgramWithSource");
      int built =
          clBuildProgram(
              program, device.device(), "-cl-std=CL1.2 -DMAX_GROUP=" + MAX_GROUP, null, 0);
      if (built != CL_SUCCESS) {
        throw new DeviceException("the tile kernel does not build: " + buildLog());
      }
      kernel =
          clCreateKernel(program, layout == Kernel.PER_TILE ? "tile_sad" : "tile_sad_group", error);
      check(error.get(0), "clCreateKernel");
      group =
          Integer.highestOneBit(
              (int) Math.min(MAX_GROUP, kernelWorkGroupSize(kernel, device.device())));
    }
  }

  /** The largest work group this kernel can run with on the device (may be below the device's). */
  private static long kernelWorkGroupSize(long kernel, long device) {
    try (MemoryStack stack = MemoryStack.stackPush()) {
      PointerBuffer size = stack.mallocPointer(1);
      check(
          clGetKernelWorkGroupInfo(kernel, device, CL_KERNEL_WORK_GROUP_SIZE, size, null),
          "clGetKernelWorkGroupInfo");
      return size.get(0);
    }
  }

  private static String kernelSource() {
    try (InputStream in = OpenClTileDiffEngine.class.getResourceAsStream("tile_sad.cl")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String buildLog() {
    try (MemoryStack stack = MemoryStack.stackPush()) {
      PointerBuffer size = stack.mallocPointer(1);
      clGetProgramBuildInfo(
          program, device.device(), CL_PROGRAM_BUILD_LOG, (ByteBuffer) null, size);
      ByteBuffer log = MemoryUtil.memAlloc((int) size.get(0));
      try {
        clGetProgramBuildInfo(program, device.device(), CL_PROGRAM_BUILD_LOG, log, null);
        return MemoryUtil.memUTF8Safe(log);
      } finally {
        MemoryUtil.memFree(log);
      }
    }
  }

  @Override
  public String backend() {
    return "opencl ("
        + device.name()
        + (device.gpu() ? ", gpu" : ", cpu device")
        + (layout == Kernel.WORK_GROUP
            ? ", work group of " + group + " per tile"
            : ", item per tile")
        + (transfer == Transfer.ZERO_COPY ? ", zero-copy" : ", pinned staging")
        + ")";
  }

  public OpenClDevice device() {
    return device;
  }

  /** Counts this engine's buffers against {@code budget} from the next allocation on. */
  public void accountTo(GpuBufferBudget budget) {
    buffers = budget;
  }

  @Override
  public void setTileThreshold(long threshold) {
    tileThreshold = threshold;
  }

  @Override
  public long tileThreshold() {
    return tileThreshold;
  }

  @Override
  public TileDiff diff(FrameView previous, FrameView current, List<Rect> damage) {
    if (!result.startDiff(previous, current)) {
      deviceHolds = -1;
      return result;
    }
    int width = current.width();
    int height = current.height();
    long bytes = (long) height * current.strideBytes();
    ensureCapacity(transfer == Transfer.ZERO_COPY ? 0 : bytes, result.tilesX() * result.tilesY());
    if (transfer == Transfer.ZERO_COPY) {
      long previousMem = wrap(previous);
      try {
        long currentMem = wrap(current);
        try {
          run(previousMem, currentMem, current.strideBytes() / 4, width, height);
        } finally {
          clReleaseMemObject(currentMem);
        }
      } finally {
        clReleaseMemObject(previousMem);
      }
      result.classify(tileThreshold);
      return result;
    }
    int previousBuffer = holds(previous) ? deviceHolds : 0;
    int currentBuffer = 1 - previousBuffer;
    if (!holds(previous)) {
      upload(previousBuffer, previous);
    }
    upload(currentBuffer, current);
    run(frames[previousBuffer], frames[currentBuffer], current.strideBytes() / 4, width, height);
    deviceHolds = currentBuffer;
    heldFingerprint = current.fingerprint();
    heldPosition = current.position();
    result.classify(tileThreshold);
    return result;
  }

  /** True when the device already has {@code frame} from the previous call. */
  private boolean holds(FrameView frame) {
    return deviceHolds >= 0
        && frame.fingerprint() == heldFingerprint
        && frame.position() == heldPosition;
  }

  private void ensureCapacity(long frameBytes, int tiles) {
    if (frameBytes > frameCapacity || tiles > sadCapacity) {
      // two frames and the pinned staging copy; the tile sums on the device and on the host
      buffers.hold(3 * Math.max(frameBytes, frameCapacity) + 8L * Math.max(tiles, sadCapacity));
    }
    if (frameBytes > frameCapacity) {
      release(frames[0]);
      release(frames[1]);
      release(staging);
      try (MemoryStack stack = MemoryStack.stackPush()) {
        IntBuffer error = stack.mallocInt(1);
        for (int i = 0; i < 2; i++) {
          frames[i] = clCreateBuffer(context, CL_MEM_READ_ONLY, frameBytes, error);
          check(error.get(0), "clCreateBuffer (" + frameBytes + " bytes)");
        }
        staging =
            clCreateBuffer(context, CL_MEM_READ_ONLY | CL_MEM_ALLOC_HOST_PTR, frameBytes, error);
        check(error.get(0), "clCreateBuffer (pinned staging)");
      }
      frameCapacity = frameBytes;
      deviceHolds = -1;
    }
    if (tiles > sadCapacity) {
      release(sadBuffer);
      try (MemoryStack stack = MemoryStack.stackPush()) {
        IntBuffer error = stack.mallocInt(1);
        sadBuffer = clCreateBuffer(context, CL_MEM_WRITE_ONLY, tiles * 4L, error);
        check(error.get(0), "clCreateBuffer (tile sums)");
      }
      if (sadHost != null) {
        MemoryUtil.memFree(sadHost);
      }
      sadHost = MemoryUtil.memAlloc(tiles * 4).order(ByteOrder.nativeOrder());
      sadCapacity = tiles;
    }
  }

  /** A buffer over the frame's own memory, which the ring keeps for the length of the call. */
  private long wrap(FrameView frame) {
    try (MemoryStack stack = MemoryStack.stackPush()) {
      IntBuffer error = stack.mallocInt(1);
      long mem =
          clCreateBuffer(
              context,
              CL_MEM_READ_ONLY | CL_MEM_USE_HOST_PTR,
              frame.pixels().asByteBuffer(),
              error);
      check(error.get(0), "clCreateBuffer (host pointer)");
      return mem;
    }
  }

  /**
   * Copies the frame into the pinned staging buffer, then from there into device buffer {@code
   * buffer}.
   */
  private void upload(int buffer, FrameView frame) {
    long bytes = frame.pixels().byteSize();
    try (MemoryStack stack = MemoryStack.stackPush()) {
      IntBuffer error = stack.mallocInt(1);
      ByteBuffer mapped =
          clEnqueueMapBuffer(queue, staging, true, CL_MAP_WRITE, 0, bytes, null, null, error, null);
      check(error.get(0), "clEnqueueMapBuffer");
      MemorySegment.copy(frame.pixels(), 0, MemorySegment.ofBuffer(mapped), 0, bytes);
      check(clEnqueueUnmapMemObject(queue, staging, mapped, null, null), "clEnqueueUnmapMemObject");
      check(
          clEnqueueCopyBuffer(queue, staging, frames[buffer], 0, 0, bytes, null, null),
          "clEnqueueCopyBuffer");
    }
  }

  private void run(long previousMem, long currentMem, int stridePixels, int width, int height) {
    int tilesX = result.tilesX();
    int tilesY = result.tilesY();
    check(clSetKernelArg1p(kernel, 0, previousMem), "clSetKernelArg");
    check(clSetKernelArg1p(kernel, 1, currentMem), "clSetKernelArg");
    check(clSetKernelArg1i(kernel, 2, stridePixels), "clSetKernelArg");
    check(clSetKernelArg1i(kernel, 3, width), "clSetKernelArg");
    check(clSetKernelArg1i(kernel, 4, height), "clSetKernelArg");
    check(clSetKernelArg1i(kernel, 5, result.tileSize()), "clSetKernelArg");
    check(clSetKernelArg1p(kernel, 6, sadBuffer), "clSetKernelArg");
    try (MemoryStack stack = MemoryStack.stackPush()) {
      if (layout == Kernel.PER_TILE) {
        PointerBuffer global = stack.pointers(tilesX, tilesY);
        check(
            clEnqueueNDRangeKernel(queue, kernel, 2, null, global, null, null, null),
            "clEnqueueNDRangeKernel");
      } else {
        PointerBuffer global = stack.pointers((long) tilesX * tilesY * group);
        PointerBuffer local = stack.pointers(group);
        check(
            clEnqueueNDRangeKernel(queue, kernel, 1, null, global, local, null, null),
            "clEnqueueNDRangeKernel");
      }
    }
    sadHost.clear().limit(tilesX * tilesY * 4);
    check(
        clEnqueueReadBuffer(queue, sadBuffer, true, 0, sadHost, null, null), "clEnqueueReadBuffer");
    for (int t = 0; t < tilesX * tilesY; t++) {
      long sad = Integer.toUnsignedLong(sadHost.getInt(t * 4));
      if (sad != 0) {
        result.addSad(t, sad);
      }
    }
  }

  private static void check(int error, String call) {
    if (error != CL_SUCCESS) {
      throw new DeviceException(call + " failed with OpenCL error " + error);
    }
  }

  private static void release(long buffer) {
    if (buffer != 0) {
      clReleaseMemObject(buffer);
    }
  }

  @Override
  public void close() {
    release(frames[0]);
    release(frames[1]);
    release(staging);
    release(sadBuffer);
    if (sadHost != null) {
      MemoryUtil.memFree(sadHost);
    }
    buffers.close();
    clReleaseKernel(kernel);
    clReleaseProgram(program);
    clReleaseCommandQueue(queue);
    clReleaseContext(context);
  }
}

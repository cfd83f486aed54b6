package dev.ironcliw.diff.opencl;

import static org.lwjgl.opencl.CL10.*;

import dev.ironcliw.diff.LwjglLibraries;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.lwjgl.PointerBuffer;
import org.lwjgl.system.MemoryStack;

/**
 * An OpenCL device as found through the system's ICD loader.
 *
 * @param platform cl_platform_id
 * @param device cl_device_id
 * @param name the device's name, e.g. {@code pthread-skylake-avx512} (pocl)
 * @param gpu true for a GPU, false for CPU and other device types
 * @param unifiedMemory the device shares memory with the host
 */
public record OpenClDevice(
    long platform, long device, String name, boolean gpu, boolean unifiedMemory) {
  private static final int CL_DEVICE_HOST_UNIFIED_MEMORY = 0x1035;

  static {
    LwjglLibraries.configure();
  }

  /** Every OpenCL device, GPUs first; empty when there is no OpenCL runtime or device. */
  public static List<OpenClDevice> list() {
    List<OpenClDevice> devices = new ArrayList<>();
    try (MemoryStack stack = MemoryStack.stackPush()) {
      IntBuffer count = stack.mallocInt(1);
      if (clGetPlatformIDs(null, count) != CL_SUCCESS || count.get(0) == 0) {
        return devices;
      }
      PointerBuffer platforms = stack.mallocPointer(count.get(0));
      clGetPlatformIDs(platforms, (IntBuffer) null);
      for (int p = 0; p < platforms.capacity(); p++) {
        long platform = platforms.get(p);
        IntBuffer deviceCount = stack.mallocInt(1);
        if (clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, null, deviceCount) != CL_SUCCESS) {
          continue;
        }
        PointerBuffer ids = stack.mallocPointer(deviceCount.get(0));
        clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, ids, (IntBuffer) null);
        for (int d = 0; d < ids.capacity(); d++) {
          long device = ids.get(d);
          LongBuffer type = stack.mallocLong(1);
          clGetDeviceInfo(device, CL_DEVICE_TYPE, type, null);
          IntBuffer unified = stack.mallocInt(1);
          clGetDeviceInfo(device, CL_DEVICE_HOST_UNIFIED_MEMORY, unified, null);
          devices.add(
              new OpenClDevice(
                  platform,
                  device,
                  name(device),
                  (type.get(0) & CL_DEVICE_TYPE_GPU) != 0,
                  unified.get(0) != 0));
        }
      }
    } catch (LinkageError | RuntimeException e) {
      return List.of(); // no libOpenCL, or no ICD
    }
    devices.sort(Comparator.comparing((OpenClDevice d) -> !d.gpu()));
    return devices;
  }

  private static String name(long device) {
    try (MemoryStack stack = MemoryStack.stackPush()) {
      PointerBuffer size = stack.mallocPointer(1);
      clGetDeviceInfo(device, CL_DEVICE_NAME, (ByteBuffer) null, size);
      ByteBuffer bytes = stack.malloc((int) size.get(0));
      clGetDeviceInfo(device, CL_DEVICE_NAME, bytes, null);
      byte[] text = new byte[Math.max(0, bytes.remaining() - 1)]; // drop the NUL
      bytes.get(text);
      return new String(text, StandardCharsets.UTF_8).trim();
    }
  }
}

package dev.ironcliw.diff.vulkan;

import static dev.ironcliw.diff.vulkan.VulkanContext.check;
import static org.lwjgl.vulkan.VK10.*;

import dev.ironcliw.diff.DeviceException;
import dev.ironcliw.diff.DiffEngine;
import dev.ironcliw.diff.GpuBufferBudget;
import dev.ironcliw.diff.LwjglLibraries;
import dev.ironcliw.ring.FrameView;
import dev.ironcliw.ring.Rect;
import dev.ironcliw.ring.TileDiff;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.LongBuffer;
import java.util.List;
import org.lwjgl.PointerBuffer;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;
import org.lwjgl.vulkan.VkBufferCopy;
import org.lwjgl.vulkan.VkBufferCreateInfo;
import org.lwjgl.vulkan.VkCommandBuffer;
import org.lwjgl.vulkan.VkCommandBufferAllocateInfo;
import org.lwjgl.vulkan.VkCommandBufferBeginInfo;
import org.lwjgl.vulkan.VkCommandPoolCreateInfo;
import org.lwjgl.vulkan.VkComputePipelineCreateInfo;
import org.lwjgl.vulkan.VkDescriptorBufferInfo;
import org.lwjgl.vulkan.VkDescriptorPoolCreateInfo;
import org.lwjgl.vulkan.VkDescriptorPoolSize;
import org.lwjgl.vulkan.VkDescriptorSetAllocateInfo;
import org.lwjgl.vulkan.VkDescriptorSetLayoutBinding;
import org.lwjgl.vulkan.VkDescriptorSetLayoutCreateInfo;
import org.lwjgl.vulkan.VkFenceCreateInfo;
import org.lwjgl.vulkan.VkMemoryAllocateInfo;
import org.lwjgl.vulkan.VkMemoryBarrier;
import org.lwjgl.vulkan.VkMemoryRequirements;
import org.lwjgl.vulkan.VkPhysicalDeviceMemoryProperties;
import org.lwjgl.vulkan.VkPipelineLayoutCreateInfo;
import org.lwjgl.vulkan.VkPushConstantRange;
import org.lwjgl.vulkan.VkShaderModuleCreateInfo;
import org.lwjgl.vulkan.VkSubmitInfo;
import org.lwjgl.vulkan.VkWriteDescriptorSet;

/**
 * The tile diff as a Vulkan compute shader (GLSL compiled with shaderc at start). Frames go into
 * two host-visible, coherent storage buffers that take turns, so the previous frame stays on the
 * device and only the new one is copied; one invocation per tile; the per-tile sums are read from a
 * mapped buffer after a fence. Any failing call throws {@link DeviceException}. Used by one thread.
 */
public final class VulkanTileDiffEngine implements DiffEngine {
  static {
    LwjglLibraries.configure();
  }

  /** Where the frames live on the device. */
  public enum Memory {
    /** Host-visible, coherent buffers the host writes directly: shared-memory devices. */
    HOST_VISIBLE,
    /** Device-local buffers filled from a host-visible staging buffer: discrete GPUs. */
    STAGED
  }

  private static final int PUSH_CONSTANT_BYTES = 6 * 4;
  private static final int GROUP = 8;

  private final VulkanContext vk;
  private final TileDiff result;
  private final long descriptorSetLayout;
  private final long pipelineLayout;
  private final long pipeline;
  private final long descriptorPool;
  private final long descriptorSet;
  private final long commandPool;
  private final VkCommandBuffer commands;
  private final long fence;
  private final MappedBuffer[] frames = new MappedBuffer[2];
  private MappedBuffer sums;
  private MappedBuffer staging;
  private MappedBuffer readback;
  private final Memory memory;
  private int deviceHolds = -1;
  private long heldFingerprint;
  private long heldPosition;
  private volatile long tileThreshold;
  private GpuBufferBudget buffers = GpuBufferBudget.unlimited();

  /** A buffer with its memory, mapped for the whole life of the engine. */
  private record MappedBuffer(long buffer, long memory, long bytes, MemorySegment mapped) {}

  /**
   * @param validation enable the Khronos validation layer and keep its messages
   * @throws DeviceException when Vulkan or the device cannot be set up
   */
  public VulkanTileDiffEngine(int tileSize, long tileThreshold, boolean validation) {
    this(tileSize, tileThreshold, validation, null);
  }

  /**
   * @param memory where frames live, or null for the device's kind: staged on a discrete GPU,
   *     host-visible otherwise (tests force each on lavapipe)
   */
  public VulkanTileDiffEngine(int tileSize, long tileThreshold, boolean validation, Memory memory) {
    this.result = new TileDiff(tileSize);
    this.tileThreshold = tileThreshold;
    this.vk = new VulkanContext(validation);
    this.memory = memory != null ? memory : vk.discrete ? Memory.STAGED : Memory.HOST_VISIBLE;
    try (MemoryStack stack = MemoryStack.stackPush()) {
      VkDescriptorSetLayoutBinding.Buffer bindings = VkDescriptorSetLayoutBinding.calloc(3, stack);
      for (int i = 0; i < 3; i++) {
        bindings
            .get(i)
            .binding(i)
            .descriptorType(VK_DESCRIPTOR_TYPE_STORAGE_BUFFER)
            .descriptorCount(1)
            .stageFlags(VK_SHADER_STAGE_COMPUTE_BIT);
      }
      LongBuffer handle = stack.mallocLong(1);
      check(
          vkCreateDescriptorSetLayout(
              vk.device,
              VkDescriptorSetLayoutCreateInfo.calloc(stack).sType$Default().pBindings(bindings),
              null,
              handle),
          "vkCreateDescriptorSetLayout");
      descriptorSetLayout = handle.get(0);
      VkPushConstantRange.Buffer push =
          VkPushConstantRange.calloc(1, stack)
              .stageFlags(VK_SHADER_STAGE_COMPUTE_BIT)
              .offset(0)
              .size(PUSH_CONSTANT_BYTES);
      check(
          vkCreatePipelineLayout(
              vk.device,
              VkPipelineLayoutCreateInfo.calloc(stack)
                  .sType$Default()
                  .pSetLayouts(stack.longs(descriptorSetLayout))
                  .pPushConstantRanges(push),
              null,
              handle),
          "vkCreatePipelineLayout");
      pipelineLayout = handle.get(0);
      pipeline = createPipeline(stack);

      VkDescriptorPoolSize.Buffer sizes =
          VkDescriptorPoolSize.calloc(1, stack)
              .type(VK_DESCRIPTOR_TYPE_STORAGE_BUFFER)
              .descriptorCount(3);
      check(
          vkCreateDescriptorPool(
              vk.device,
              VkDescriptorPoolCreateInfo.calloc(stack).sType$Default().maxSets(1).pPoolSizes(sizes),
              null,
              handle),
          "vkCreateDescriptorPool");
      descriptorPool = handle.get(0);
      check(
          vkAllocateDescriptorSets(
              vk.device,
              VkDescriptorSetAllocateInfo.calloc(stack)
                  .sType$Default()
                  .descriptorPool(descriptorPool)
                  .pSetLayouts(stack.longs(descriptorSetLayout)),
              handle),
          "vkAllocateDescriptorSets");
      descriptorSet = handle.get(0);

      check(
          vkCreateCommandPool(
              vk.device,
              VkCommandPoolCreateInfo.calloc(stack)
                  .sType$Default()
                  .flags(VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT)
                  .queueFamilyIndex(vk.queueFamily),
              null,
              handle),
          "vkCreateCommandPool");
      commandPool = handle.get(0);
      PointerBuffer buffer = stack.mallocPointer(1);
      check(
          vkAllocateCommandBuffers(
              vk.device,
              VkCommandBufferAllocateInfo.calloc(stack)
                  .sType$Default()
                  .commandPool(commandPool)
                  .level(VK_COMMAND_BUFFER_LEVEL_PRIMARY)
                  .commandBufferCount(1),
              buffer),
          "vkAllocateCommandBuffers");
      commands = new VkCommandBuffer(buffer.get(0), vk.device);
      check(
          vkCreateFence(vk.device, VkFenceCreateInfo.calloc(stack).sType$Default(), null, handle),
          "vkCreateFence");
      fence = handle.get(0);
    } catch (RuntimeException e) {
      vk.close();
      throw e;
    }
  }

  private long createPipeline(MemoryStack stack) {
    ByteBuffer spirv = TileShader.compileSpirV();
    try {
      LongBuffer handle = stack.mallocLong(1);
      check(
          vkCreateShaderModule(
              vk.device,
              VkShaderModuleCreateInfo.calloc(stack).sType$Default().pCode(spirv),
              null,
              handle),
          "vkCreateShaderModule");
      long module = handle.get(0);
      VkComputePipelineCreateInfo.Buffer info =
          VkComputePipelineCreateInfo.calloc(1, stack).sType$Default();
      info.get(0)
          .layout(pipelineLayout)
          .stage()
          .sType$Default()
          .stage(VK_SHADER_STAGE_COMPUTE_BIT)
          .module(module)
          .pName(stack.UTF8("main"));
      int created = vkCreateComputePipelines(vk.device, VK_NULL_HANDLE, info, null, handle);
      vkDestroyShaderModule(vk.device, module, null);
      check(created, "vkCreateComputePipelines");
      return handle.get(0);
    } finally {
      MemoryUtil.memFree(spirv);
    }
  }

  @Override
  public String backend() {
    return "vulkan ("
        + vk.deviceName
        + (vk.gpu ? ", gpu" : ", cpu device")
        + (memory == Memory.STAGED ? ", staged" : ", host-visible")
        + ")";
  }

  public boolean onGpu() {
    return vk.gpu;
  }

  /** What the validation layer reported so far (empty without validation). */
  public List<String> validationMessages() {
    return vk.validationMessages();
  }

  @Override
  public void setTileThreshold(long threshold) {
    tileThreshold = threshold;
  }

  @Override
  public long tileThreshold() {
    return tileThreshold;
  }

  /** Counts this engine's buffers against {@code budget} from the next allocation on. */
  public void accountTo(GpuBufferBudget budget) {
    buffers = budget;
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
    int tiles = result.tilesX() * result.tilesY();
    ensureCapacity(bytes, tiles);
    boolean reuse =
        deviceHolds >= 0
            && previous.fingerprint() == heldFingerprint
            && previous.position() == heldPosition;
    int previousBuffer = reuse ? deviceHolds : 0;
    int currentBuffer = 1 - previousBuffer;
    if (memory == Memory.HOST_VISIBLE) {
      if (!reuse) {
        MemorySegment.copy(previous.pixels(), 0, frames[previousBuffer].mapped(), 0, bytes);
      }
      MemorySegment.copy(current.pixels(), 0, frames[currentBuffer].mapped(), 0, bytes);
    } else {
      MemorySegment.copy(current.pixels(), 0, staging.mapped(), 0, bytes);
      if (!reuse) {
        MemorySegment.copy(previous.pixels(), 0, staging.mapped(), bytes, bytes);
      }
    }
    dispatch(
        previousBuffer,
        currentBuffer,
        current.strideBytes() / 4,
        width,
        height,
        bytes,
        !reuse,
        tiles);
    MemorySegment results = memory == Memory.HOST_VISIBLE ? sums.mapped() : readback.mapped();
    for (int t = 0; t < tiles; t++) {
      long sad = Integer.toUnsignedLong(results.getAtIndex(ValueLayout.JAVA_INT, t));
      if (sad != 0) {
        result.addSad(t, sad);
      }
    }
    deviceHolds = currentBuffer;
    heldFingerprint = current.fingerprint();
    heldPosition = current.position();
    result.classify(tileThreshold);
    return result;
  }

  private void dispatch(
      int previousBuffer,
      int currentBuffer,
      int stridePixels,
      int width,
      int height,
      long frameBytes,
      boolean uploadPrevious,
      int tiles) {
    try (MemoryStack stack = MemoryStack.stackPush()) {
      VkDescriptorBufferInfo.Buffer infos = VkDescriptorBufferInfo.calloc(3, stack);
      infos.get(0).buffer(frames[previousBuffer].buffer()).offset(0).range(VK_WHOLE_SIZE);
      infos.get(1).buffer(frames[currentBuffer].buffer()).offset(0).range(VK_WHOLE_SIZE);
      infos.get(2).buffer(sums.buffer()).offset(0).range(VK_WHOLE_SIZE);
      VkWriteDescriptorSet.Buffer writes = VkWriteDescriptorSet.calloc(3, stack);
      for (int i = 0; i < 3; i++) {
        writes
            .get(i)
            .sType$Default()
            .dstSet(descriptorSet)
            .dstBinding(i)
            .descriptorType(VK_DESCRIPTOR_TYPE_STORAGE_BUFFER)
            .descriptorCount(1)
            .pBufferInfo(VkDescriptorBufferInfo.create(infos.address(i), 1));
      }
      vkUpdateDescriptorSets(vk.device, writes, null);

      check(vkResetCommandBuffer(commands, 0), "vkResetCommandBuffer");
      check(
          vkBeginCommandBuffer(
              commands,
              VkCommandBufferBeginInfo.calloc(stack)
                  .sType$Default()
                  .flags(VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT)),
          "vkBeginCommandBuffer");
      if (memory == Memory.STAGED) {
        vkCmdCopyBuffer(
            commands,
            staging.buffer(),
            frames[currentBuffer].buffer(),
            VkBufferCopy.calloc(1, stack).srcOffset(0).dstOffset(0).size(frameBytes));
        if (uploadPrevious) {
          vkCmdCopyBuffer(
              commands,
              staging.buffer(),
              frames[previousBuffer].buffer(),
              VkBufferCopy.calloc(1, stack).srcOffset(frameBytes).dstOffset(0).size(frameBytes));
        }
        barrier(
            stack,
            VK_ACCESS_TRANSFER_WRITE_BIT,
            VK_ACCESS_SHADER_READ_BIT,
            VK_PIPELINE_STAGE_TRANSFER_BIT,
            VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT);
      }
      vkCmdBindPipeline(commands, VK_PIPELINE_BIND_POINT_COMPUTE, pipeline);
      vkCmdBindDescriptorSets(
          commands,
          VK_PIPELINE_BIND_POINT_COMPUTE,
          pipelineLayout,
          0,
          stack.longs(descriptorSet),
          null);
      vkCmdPushConstants(
          commands,
          pipelineLayout,
          VK_SHADER_STAGE_COMPUTE_BIT,
          0,
          stack.ints(
              stridePixels, width, height, result.tileSize(), result.tilesX(), result.tilesY()));
      vkCmdDispatch(
          commands,
          (result.tilesX() + GROUP - 1) / GROUP,
          (result.tilesY() + GROUP - 1) / GROUP,
          1);
      // The shader's writes must be visible to the host that reads the sums.
      if (memory == Memory.HOST_VISIBLE) {
        barrier(
            stack,
            VK_ACCESS_SHADER_WRITE_BIT,
            VK_ACCESS_HOST_READ_BIT,
            VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT,
            VK_PIPELINE_STAGE_HOST_BIT);
      } else {
        barrier(
            stack,
            VK_ACCESS_SHADER_WRITE_BIT,
            VK_ACCESS_TRANSFER_READ_BIT,
            VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT,
            VK_PIPELINE_STAGE_TRANSFER_BIT);
        vkCmdCopyBuffer(
            commands,
            sums.buffer(),
            readback.buffer(),
            VkBufferCopy.calloc(1, stack).size(tiles * 4L));
        barrier(
            stack,
            VK_ACCESS_TRANSFER_WRITE_BIT,
            VK_ACCESS_HOST_READ_BIT,
            VK_PIPELINE_STAGE_TRANSFER_BIT,
            VK_PIPELINE_STAGE_HOST_BIT);
      }
      check(vkEndCommandBuffer(commands), "vkEndCommandBuffer");
      check(vkResetFences(vk.device, fence), "vkResetFences");
      check(
          vkQueueSubmit(
              vk.queue,
              VkSubmitInfo.calloc(stack).sType$Default().pCommandBuffers(stack.pointers(commands)),
              fence),
          "vkQueueSubmit");
      check(vkWaitForFences(vk.device, fence, true, Long.MAX_VALUE), "vkWaitForFences");
    }
  }

  private void barrier(
      MemoryStack stack, int srcAccess, int dstAccess, int srcStage, int dstStage) {
    VkMemoryBarrier.Buffer barrier =
        VkMemoryBarrier.calloc(1, stack)
            .sType$Default()
            .srcAccessMask(srcAccess)
            .dstAccessMask(dstAccess);
    vkCmdPipelineBarrier(commands, srcStage, dstStage, 0, barrier, null, null);
  }

  private void ensureCapacity(long frameBytes, int tiles) {
    boolean staged = memory == Memory.STAGED;
    long frameCapacity = frames[0] == null ? 0 : frames[0].bytes();
    long sumCapacity = sums == null ? 0 : sums.bytes();
    if (frameBytes > frameCapacity || tiles * 4L > sumCapacity) {
      // two frames, and when staged their upload copy and the sums' read-back copy
      buffers.hold(
          (staged ? 4 : 2) * Math.max(frameBytes, frameCapacity)
              + (staged ? 2 : 1) * Math.max(tiles * 4L, sumCapacity));
    }
    if (frames[0] == null || frames[0].bytes() < frameBytes) {
      release(frames[0]);
      release(frames[1]);
      release(staging);
      int frameUsage =
          VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | (staged ? VK_BUFFER_USAGE_TRANSFER_DST_BIT : 0);
      frames[0] = buffer(frameBytes, frameUsage, !staged);
      frames[1] = buffer(frameBytes, frameUsage, !staged);
      staging = staged ? buffer(2 * frameBytes, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, true) : null;
      deviceHolds = -1;
    }
    if (sums == null || sums.bytes() < tiles * 4L) {
      release(sums);
      release(readback);
      int sumUsage =
          VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | (staged ? VK_BUFFER_USAGE_TRANSFER_SRC_BIT : 0);
      sums = buffer(tiles * 4L, sumUsage, !staged);
      readback = staged ? buffer(tiles * 4L, VK_BUFFER_USAGE_TRANSFER_DST_BIT, true) : null;
    }
  }

  /** A buffer in host-visible, coherent memory (mapped) or in device-local memory (not mapped). */
  @SuppressWarnings("restricted")
  private MappedBuffer buffer(long bytes, int usage, boolean hostVisible) {
    try (MemoryStack stack = MemoryStack.stackPush()) {
      LongBuffer handle = stack.mallocLong(1);
      check(
          vkCreateBuffer(
              vk.device,
              VkBufferCreateInfo.calloc(stack)
                  .sType$Default()
                  .size(bytes)
                  .usage(usage)
                  .sharingMode(VK_SHARING_MODE_EXCLUSIVE),
              null,
              handle),
          "vkCreateBuffer");
      long buffer = handle.get(0);
      VkMemoryRequirements requirements = VkMemoryRequirements.malloc(stack);
      vkGetBufferMemoryRequirements(vk.device, buffer, requirements);
      int type =
          memoryType(
              stack,
              requirements.memoryTypeBits(),
              hostVisible
                  ? VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT
                  : VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
      check(
          vkAllocateMemory(
              vk.device,
              VkMemoryAllocateInfo.calloc(stack)
                  .sType$Default()
                  .allocationSize(requirements.size())
                  .memoryTypeIndex(type),
              null,
              handle),
          "vkAllocateMemory (" + bytes + " bytes)");
      long memory = handle.get(0);
      check(vkBindBufferMemory(vk.device, buffer, memory, 0), "vkBindBufferMemory");
      if (!hostVisible) {
        return new MappedBuffer(buffer, memory, bytes, null);
      }
      PointerBuffer pointer = stack.mallocPointer(1);
      check(vkMapMemory(vk.device, memory, 0, bytes, 0, pointer), "vkMapMemory");
      return new MappedBuffer(
          buffer, memory, bytes, MemorySegment.ofAddress(pointer.get(0)).reinterpret(bytes));
    }
  }

  private int memoryType(MemoryStack stack, int allowed, int wanted) {
    VkPhysicalDeviceMemoryProperties memory = VkPhysicalDeviceMemoryProperties.malloc(stack);
    vkGetPhysicalDeviceMemoryProperties(vk.physicalDevice, memory);
    for (int i = 0; i < memory.memoryTypeCount(); i++) {
      if ((allowed & (1 << i)) != 0 && (memory.memoryTypes(i).propertyFlags() & wanted) == wanted) {
        return i;
      }
    }
    throw new DeviceException(
        "no memory with properties 0x" + Integer.toHexString(wanted) + " on " + vk.deviceName);
  }

  private void release(MappedBuffer b) {
    if (b != null) {
      if (b.mapped() != null) {
        vkUnmapMemory(vk.device, b.memory());
      }
      vkDestroyBuffer(vk.device, b.buffer(), null);
      vkFreeMemory(vk.device, b.memory(), null);
    }
  }

  @Override
  public void close() {
    vkDeviceWaitIdle(vk.device);
    release(frames[0]);
    release(frames[1]);
    release(sums);
    release(staging);
    release(readback);
    buffers.close();
    vkDestroyFence(vk.device, fence, null);
    vkDestroyCommandPool(vk.device, commandPool, null);
    vkDestroyDescriptorPool(vk.device, descriptorPool, null);
    vkDestroyPipeline(vk.device, pipeline, null);
    vkDestroyPipelineLayout(vk.device, pipelineLayout, null);
    vkDestroyDescriptorSetLayout(vk.device, descriptorSetLayout, null);
    vk.close();
  }
}

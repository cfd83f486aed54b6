package dev.ironcliw.diff.vulkan;

import static org.lwjgl.vulkan.EXTDebugUtils.*;
import static org.lwjgl.vulkan.KHRPortabilityEnumeration.*;
import static org.lwjgl.vulkan.VK10.*;

import dev.ironcliw.diff.DeviceException;
import dev.ironcliw.diff.LwjglLibraries;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.lwjgl.PointerBuffer;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.vulkan.VkApplicationInfo;
import org.lwjgl.vulkan.VkDebugUtilsMessengerCallbackDataEXT;
import org.lwjgl.vulkan.VkDebugUtilsMessengerCallbackEXT;
import org.lwjgl.vulkan.VkDebugUtilsMessengerCreateInfoEXT;
import org.lwjgl.vulkan.VkDevice;
import org.lwjgl.vulkan.VkDeviceCreateInfo;
import org.lwjgl.vulkan.VkDeviceQueueCreateInfo;
import org.lwjgl.vulkan.VkExtensionProperties;
import org.lwjgl.vulkan.VkInstance;
import org.lwjgl.vulkan.VkInstanceCreateInfo;
import org.lwjgl.vulkan.VkLayerProperties;
import org.lwjgl.vulkan.VkPhysicalDevice;
import org.lwjgl.vulkan.VkPhysicalDeviceProperties;
import org.lwjgl.vulkan.VkQueue;
import org.lwjgl.vulkan.VkQueueFamilyProperties;

/**
 * A Vulkan instance, the chosen physical device (a GPU first), a logical device and one compute
 * queue. With {@code validation}, the Khronos validation layer is enabled and every message it
 * sends is kept ({@link #validationMessages()}). Portability enumeration and
 * VK_KHR_portability_subset are enabled when offered, as MoltenVK on macOS requires.
 */
final class VulkanContext implements AutoCloseable {
  static {
    LwjglLibraries.configure();
  }

  private static final String VALIDATION_LAYER = "VK_LAYER_KHRONOS_validation";
  private static final String PORTABILITY_SUBSET = "VK_KHR_portability_subset";

  final VkInstance instance;
  final VkPhysicalDevice physicalDevice;
  final VkDevice device;
  final VkQueue queue;
  final int queueFamily;
  final String deviceName;
  final boolean gpu;
  final boolean discrete;
  private final long messenger;
  private final VkDebugUtilsMessengerCallbackEXT callback;
  private final List<String> messages = new CopyOnWriteArrayList<>();

  VulkanContext(boolean validation) {
    try (MemoryStack stack = MemoryStack.stackPush()) {
      Set<String> extensions = instanceExtensions(stack);
      boolean portability = extensions.contains(VK_KHR_PORTABILITY_ENUMERATION_EXTENSION_NAME);
      boolean validate =
          validation
              && layers(stack).contains(VALIDATION_LAYER)
              && extensions.contains(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
      if (validation && !validate) {
        throw new DeviceException(
            "the Vulkan validation layer (" + VALIDATION_LAYER + ") is not installed");
      }
      PointerBuffer enabled = stack.mallocPointer(2);
      if (portability) {
        enabled.put(stack.UTF8(VK_KHR_PORTABILITY_ENUMERATION_EXTENSION_NAME));
      }
      if (validate) {
        enabled.put(stack.UTF8(VK_EXT_DEBUG_UTILS_EXTENSION_NAME));
      }
      enabled.flip();
      VkApplicationInfo app =
          VkApplicationInfo.calloc(stack)
              .sType$Default()
              .pApplicationName(stack.UTF8("ironcliw"))
              .apiVersion(VK_API_VERSION_1_0);
      VkInstanceCreateInfo info =
          VkInstanceCreateInfo.calloc(stack)
              .sType$Default()
              .flags(portability ? VK_INSTANCE_CREATE_ENUMERATE_PORTABILITY_BIT_KHR : 0)
              .pApplicationInfo(app)
              .ppEnabledExtensionNames(enabled);
      if (validate) {
        info.ppEnabledLayerNames(stack.pointers(stack.UTF8(VALIDATION_LAYER)));
      }
      PointerBuffer handle = stack.mallocPointer(1);
      check(vkCreateInstance(info, null, handle), "vkCreateInstance");
      instance = new VkInstance(handle.get(0), info);

      if (validate) {
        callback =
            VkDebugUtilsMessengerCallbackEXT.create(
                (severity, types, data, user) -> {
                  messages.add(VkDebugUtilsMessengerCallbackDataEXT.create(data).pMessageString());
                  return VK_FALSE;
                });
        VkDebugUtilsMessengerCreateInfoEXT messengerInfo =
            VkDebugUtilsMessengerCreateInfoEXT.calloc(stack)
                .sType$Default()
                .messageSeverity(
                    VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT
                        | VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT)
                .messageType(
                    VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT
                        | VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT
                        | VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT)
                .pfnUserCallback(callback);
        LongBuffer messengerHandle = stack.mallocLong(1);
        check(
            vkCreateDebugUtilsMessengerEXT(instance, messengerInfo, null, messengerHandle),
            "vkCreateDebugUtilsMessengerEXT");
        messenger = messengerHandle.get(0);
      } else {
        callback = null;
        messenger = VK_NULL_HANDLE;
      }

      IntBuffer count = stack.mallocInt(1);
      check(vkEnumeratePhysicalDevices(instance, count, null), "vkEnumeratePhysicalDevices");
      if (count.get(0) == 0) {
        throw new DeviceException("no Vulkan device");
      }
      PointerBuffer devices = stack.mallocPointer(count.get(0));
      check(vkEnumeratePhysicalDevices(instance, count, devices), "vkEnumeratePhysicalDevices");
      VkPhysicalDevice chosen = null;
      VkPhysicalDeviceProperties properties = VkPhysicalDeviceProperties.calloc(stack);
      for (int i = 0; i < devices.capacity(); i++) {
        VkPhysicalDevice candidate = new VkPhysicalDevice(devices.get(i), instance);
        vkGetPhysicalDeviceProperties(candidate, properties);
        boolean isGpu =
            properties.deviceType() == VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU
                || properties.deviceType() == VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU;
        if (chosen == null || isGpu) {
          chosen = candidate;
          if (isGpu) {
            break;
          }
        }
      }
      physicalDevice = chosen;
      vkGetPhysicalDeviceProperties(physicalDevice, properties);
      deviceName = properties.deviceNameString();
      gpu =
          properties.deviceType() == VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU
              || properties.deviceType() == VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU;
      discrete = properties.deviceType() == VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU;
      queueFamily = computeQueueFamily(stack);

      VkDeviceQueueCreateInfo.Buffer queues =
          VkDeviceQueueCreateInfo.calloc(1, stack)
              .sType$Default()
              .queueFamilyIndex(queueFamily)
              .pQueuePriorities(stack.floats(1.0f));
      VkDeviceCreateInfo deviceInfo =
          VkDeviceCreateInfo.calloc(stack).sType$Default().pQueueCreateInfos(queues);
      if (deviceExtensions(stack).contains(PORTABILITY_SUBSET)) {
        deviceInfo.ppEnabledExtensionNames(stack.pointers(stack.UTF8(PORTABILITY_SUBSET)));
      }
      PointerBuffer deviceHandle = stack.mallocPointer(1);
      check(vkCreateDevice(physicalDevice, deviceInfo, null, deviceHandle), "vkCreateDevice");
      device = new VkDevice(deviceHandle.get(0), physicalDevice, deviceInfo);
      PointerBuffer queueHandle = stack.mallocPointer(1);
      vkGetDeviceQueue(device, queueFamily, 0, queueHandle);
      queue = new VkQueue(queueHandle.get(0), device);
    }
  }

  private static Set<String> instanceExtensions(MemoryStack stack) {
    IntBuffer count = stack.mallocInt(1);
    vkEnumerateInstanceExtensionProperties((String) null, count, null);
    VkExtensionProperties.Buffer all = VkExtensionProperties.malloc(count.get(0), stack);
    vkEnumerateInstanceExtensionProperties((String) null, count, all);
    Set<String> names = new TreeSet<>();
    all.forEach(e -> names.add(e.extensionNameString()));
    return names;
  }

  private static Set<String> layers(MemoryStack stack) {
    IntBuffer count = stack.mallocInt(1);
    vkEnumerateInstanceLayerProperties(count, null);
    VkLayerProperties.Buffer all = VkLayerProperties.malloc(count.get(0), stack);
    vkEnumerateInstanceLayerProperties(count, all);
    Set<String> names = new TreeSet<>();
    all.forEach(l -> names.add(l.layerNameString()));
    return names;
  }

  private Set<String> deviceExtensions(MemoryStack stack) {
    IntBuffer count = stack.mallocInt(1);
    vkEnumerateDeviceExtensionProperties(physicalDevice, (String) null, count, null);
    VkExtensionProperties.Buffer all = VkExtensionProperties.malloc(count.get(0), stack);
    vkEnumerateDeviceExtensionProperties(physicalDevice, (String) null, count, all);
    Set<String> names = new TreeSet<>();
    all.forEach(e -> names.add(e.extensionNameString()));
    return names;
  }

  private int computeQueueFamily(MemoryStack stack) {
    IntBuffer count = stack.mallocInt(1);
    vkGetPhysicalDeviceQueueFamilyProperties(physicalDevice, count, null);
    VkQueueFamilyProperties.Buffer families = VkQueueFamilyProperties.malloc(count.get(0), stack);
    vkGetPhysicalDeviceQueueFamilyProperties(physicalDevice, count, families);
    for (int i = 0; i < families.capacity(); i++) {
      if ((families.get(i).queueFlags() & VK_QUEUE_COMPUTE_BIT) != 0) {
        return i;
      }
    }
    throw new DeviceException(deviceName + " has no compute queue");
  }

  /** Messages the validation layer sent so far. */
  List<String> validationMessages() {
    return new ArrayList<>(messages);
  }

  static void check(int result, String call) {
    if (result != VK_SUCCESS) {
      throw new DeviceException(call + " failed with VkResult " + result);
    }
  }

  @Override
  public void close() {
    vkDestroyDevice(device, null);
    if (messenger != VK_NULL_HANDLE) {
      vkDestroyDebugUtilsMessengerEXT(instance, messenger, null);
    }
    vkDestroyInstance(instance, null);
    if (callback != null) {
      callback.free();
    }
  }
}

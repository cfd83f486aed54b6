package dev.ironcliw.diff.vulkan;

import static org.lwjgl.util.shaderc.Shaderc.*;

import dev.ironcliw.diff.DeviceException;
import dev.ironcliw.diff.LwjglLibraries;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.lwjgl.system.MemoryUtil;

/** The tile-SAD compute shader, compiled from GLSL to SPIR-V with shaderc at start. */
final class TileShader {
  static {
    LwjglLibraries.configure();
  }

  private TileShader() {}

  /** SPIR-V in a buffer the caller frees with {@link MemoryUtil#memFree}. */
  static ByteBuffer compileSpirV() {
    String source;
    try (InputStream in = TileShader.class.getResourceAsStream("tile_sad.comp")) {
      source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long compiler = shaderc_compiler_initialize();
    long options = shaderc_compile_options_initialize();
    try {
      shaderc_compile_options_set_target_env(
          options, shaderc_target_env_vulkan, shaderc_env_version_vulkan_1_0);
      shaderc_compile_options_set_optimization_level(
          options, shaderc_optimization_level_performance);
      long result =
          shaderc_compile_into_spv(
              compiler, source, shaderc_compute_shader, "tile_sad.comp", "main", options);
      try {
        if (shaderc_result_get_compilation_status(result) != shaderc_compilation_status_success) {
          throw new DeviceException(
              "the tile shader does not compile: " + shaderc_result_get_error_message(result));
        }
        ByteBuffer spirv = shaderc_result_get_bytes(result);
        ByteBuffer copy = MemoryUtil.memAlloc(spirv.remaining());
        copy.put(spirv).flip();
        return copy;
      } finally {
        shaderc_result_release(result);
      }
    } finally {
      shaderc_compile_options_release(options);
      shaderc_compiler_release(compiler);
    }
  }
}

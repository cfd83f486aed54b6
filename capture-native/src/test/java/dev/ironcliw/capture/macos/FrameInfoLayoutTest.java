package dev.ironcliw.capture.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ironcliw.testing.NativePiece;
import dev.ironcliw.testing.NativeRequirement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles the shim's C header with gcc and checks the Java descriptor and result codes against it.
 */
class FrameInfoLayoutTest {
  private static final Path HEADER = Path.of("src/main/native/macos/ironcliw_capture.h");

  @Test
  void shouldMatchTheOffsetsOfTheCHeader(@TempDir Path dir) throws Exception {
    NativeRequirement.require(onPath("gcc"), NativePiece.C_COMPILER);
    Path program = dir.resolve("layout.c");
    Files.writeString(
        program,
        """
        #include <stddef.h>
        #include <stdio.h>
        #include "%s"
        #define P(name, value) printf("%%s=%%ld\\n", name, (long) (value))
        int main(void) {
          P("width", offsetof(ironcliw_frame_info, width));
          P("height", offsetof(ironcliw_frame_info, height));
          P("sequence", offsetof(ironcliw_frame_info, sequence));
          P("display_time", offsetof(ironcliw_frame_info, display_time));
          P("dirty_count", offsetof(ironcliw_frame_info, dirty_count));
          P("error", offsetof(ironcliw_frame_info, error));
          P("dirty", offsetof(ironcliw_frame_info, dirty));
          P("rect", sizeof(ironcliw_rect));
          P("max", IRONCLIW_MAX_DIRTY_RECTS);
          P("size", sizeof(ironcliw_frame_info));
          P("new", IRONCLIW_FRAME_NEW);
          P("idle", IRONCLIW_FRAME_IDLE);
          P("none", IRONCLIW_FRAME_NONE);
          P("too_large", IRONCLIW_FRAME_TOO_LARGE);
          P("stopped", IRONCLIW_FRAME_STOPPED);
          P("text_failed", IRONCLIW_TEXT_FAILED);
          P("text_no_room", IRONCLIW_TEXT_NO_ROOM);
          P("windows_no_room", IRONCLIW_WINDOWS_NO_ROOM);
          P("ax_not_trusted", IRONCLIW_AX_NOT_TRUSTED);
          P("ax_no_room", IRONCLIW_AX_NO_ROOM);
          P("ax_none", IRONCLIW_AX_NONE);
          return 0;
        }
        """
            .formatted(HEADER.toAbsolutePath()));
    Path binary = dir.resolve("layout");
    run(dir, "gcc", "-std=c11", "-Wall", "-Werror", "-o", binary.toString(), program.toString());
    Map<String, Long> c = new HashMap<>();
    for (String line : run(dir, binary.toString()).split("\n")) {
      String[] kv = line.split("=");
      c.put(kv[0], Long.parseLong(kv[1].trim()));
    }
    assertEquals(FrameInfoLayout.WIDTH, c.get("width"));
    assertEquals(FrameInfoLayout.HEIGHT, c.get("height"));
    assertEquals(FrameInfoLayout.SEQUENCE, c.get("sequence"));
    assertEquals(FrameInfoLayout.DISPLAY_TIME, c.get("display_time"));
    assertEquals(FrameInfoLayout.DIRTY_COUNT, c.get("dirty_count"));
    assertEquals(FrameInfoLayout.ERROR, c.get("error"));
    assertEquals(FrameInfoLayout.DIRTY, c.get("dirty"));
    assertEquals(FrameInfoLayout.RECT_BYTES, c.get("rect"));
    assertEquals(FrameInfoLayout.MAX_DIRTY_RECTS, c.get("max"));
    assertEquals(FrameInfoLayout.SIZE, c.get("size"));
    assertEquals(FrameInfoLayout.FRAME_NEW, c.get("new"));
    assertEquals(FrameInfoLayout.FRAME_IDLE, c.get("idle"));
    assertEquals(FrameInfoLayout.FRAME_NONE, c.get("none"));
    assertEquals(FrameInfoLayout.FRAME_TOO_LARGE, c.get("too_large"));
    assertEquals(FrameInfoLayout.FRAME_STOPPED, c.get("stopped"));
    assertEquals(ShimTextRecognizer.TEXT_FAILED, c.get("text_failed"));
    assertEquals(ShimTextRecognizer.TEXT_NO_ROOM, c.get("text_no_room"));
    assertEquals(NativeMacScreenApi.WINDOWS_NO_ROOM, c.get("windows_no_room"));
    assertEquals(NativeMacScreenApi.AX_NOT_TRUSTED, c.get("ax_not_trusted"));
    assertEquals(NativeMacScreenApi.AX_NO_ROOM, c.get("ax_no_room"));
    assertEquals(NativeMacScreenApi.AX_NONE, c.get("ax_none"));
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  private static String run(Path dir, String... command) throws Exception {
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
    }
    return output;
  }
}

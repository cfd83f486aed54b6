package dev.ironcliw.diff;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.lwjgl.system.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settings LWJGL reads once, before its first native call; every class of this module that calls
 * LWJGL first calls {@link #configure()} from its static initializer.
 *
 * <ul>
 *   <li>OpenCL is loaded by the ICD loader's runtime name, {@code libOpenCL.so.1}, on Linux: LWJGL
 *       looks for {@code libOpenCL.so}, a link that only the loader's {@code -dev} package makes.
 *       {@code -Dorg.lwjgl.opencl.libname} still wins.
 *   <li>LWJGL's diagnostics (a block of lines on stderr for each library it does not find, such as
 *       a Vulkan loader that is not installed) go to this class's log at debug level: why a device
 *       is not used is already in the diff backend's one line. {@code -Dorg.lwjgl.util.Debug=true}
 *       keeps them on stderr.
 * </ul>
 */
public final class LwjglLibraries {
  private static final Logger LOG = LoggerFactory.getLogger(LwjglLibraries.class);
  private static final AtomicBoolean CONFIGURED = new AtomicBoolean();

  private LwjglLibraries() {}

  /** Applies the settings, once per process; later calls do nothing. */
  public static void configure() {
    if (!CONFIGURED.compareAndSet(false, true)) {
      return;
    }
    if (System.getProperty("os.name", "").startsWith("Linux")
        && Configuration.OPENCL_LIBRARY_NAME.get() == null) {
      Configuration.OPENCL_LIBRARY_NAME.set("libOpenCL.so.1");
    }
    if (!Boolean.getBoolean("org.lwjgl.util.Debug") && Configuration.DEBUG_STREAM.get() == null) {
      Configuration.DEBUG_STREAM.set(new PrintStream(new DebugLog(), true, StandardCharsets.UTF_8));
    }
  }

  /** Each line written, logged at debug level. */
  private static final class DebugLog extends OutputStream {
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
      if (b == '\n') {
        LOG.debug("{}", line.toString(StandardCharsets.UTF_8));
        line.reset();
      } else {
        line.write(b);
      }
    }
  }
}

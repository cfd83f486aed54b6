package dev.ironcliw.benchmarks.jmh;

import dev.ironcliw.capture.Grab;
import dev.ironcliw.capture.XvfbServer;
import dev.ironcliw.capture.x11.X11Source;
import dev.ironcliw.capture.x11.XTestClient;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One 1920x1080 X11 grab and its copy into off-heap memory (what the capture agent does per frame
 * before the fingerprint), by MIT-SHM and by the XGetImage fallback, against a real Xvfb. Damage
 * hints are off, so every call grabs.
 */
@State(Scope.Thread)
public class X11GrabBenchmark extends BenchmarkDefaults {
  private static final int W = 1920;
  private static final int H = 1080;

  @Param({"shm", "getimage"})
  public String method;

  private XvfbServer xvfb;
  private XTestClient client;
  private X11Source source;
  private Arena arena;
  private MemorySegment target;
  private long tick;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    xvfb =
        method.equals("shm")
            ? XvfbServer.start(W, H)
            : XvfbServer.start(W, H, "-extension", "MIT-SHM");
    client = new XTestClient(xvfb.display());
    client.rootColour(0x336699);
    client.window(200, 100, 800, 600, 0xEEEEEE, "bench", "bench");
    source = X11Source.open(xvfb.display(), List.of("all"), false, List.of(), List.of());
    if (!source.grabMethod().startsWith(method)) {
      throw new IllegalStateException("wanted " + method + ", got " + source.grabMethod());
    }
    arena = Arena.ofShared();
    target = arena.allocate((long) W * H * 4, 4096);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    source.close();
    client.close();
    xvfb.close();
    arena.close();
  }

  @Benchmark
  public MemorySegment grabAndCopy() {
    if (source.grab(0, ++tick) != Grab.FRAME) {
      throw new IllegalStateException("no frame");
    }
    source.copyFrameTo(target, W * 4);
    return target;
  }
}

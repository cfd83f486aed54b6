package dev.ironcliw.benchmarks.jmh;

import dev.ironcliw.benchmarks.support.TempFiles;
import dev.ironcliw.capture.Grab;
import dev.ironcliw.capture.XvfbServer;
import dev.ironcliw.capture.x11.X11Source;
import dev.ironcliw.capture.x11.XTestClient;
import dev.ironcliw.config.privacy.PrivacySettings;
import dev.ironcliw.config.schema.DefaultExclusions;
import dev.ironcliw.ring.FrameRing;
import dev.ironcliw.ring.FrameRingWriter;
import dev.ironcliw.ring.OffHeapBudget;
import dev.ironcliw.ring.RingGeometry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One typed character on a 1920x1080 Xvfb, from drawing the glyph to the frame's fingerprint in a
 * ring slot: the grab, the copy into the slot and the hash. {@code whole} reads the whole root,
 * copies and hashes the whole frame, as every frame was captured before damage-following reads;
 * {@code damaged-rows} reads only the damaged rows into the kept shared image, copies only the rows
 * the slot (8 of them, going round) does not hold yet, and hashes again only the chunks that
 * changed. Drawing the glyph (an XFillRectangle and a round trip) is in both.
 *
 * <p>{@code exclusions}: {@code none}; {@code defaults}, the rules of every default group with no
 * window they exclude showing (the fast way: no server grab, the events read again after the
 * pixels); {@code defaults-showing}, the same with an incognito window open in a corner (every tick
 * walks the windows under a server grab and reads the whole screen to blank it).
 */
@State(Scope.Thread)
public class X11TypingBenchmark extends BenchmarkDefaults {
  private static final int W = 1920;
  private static final int H = 1080;
  private static final int GLYPHS_PER_LINE = 100;

  @Param({"whole", "damaged-rows"})
  public String read;

  @Param({"none", "defaults", "defaults-showing"})
  public String exclusions;

  private XvfbServer xvfb;
  private XTestClient client;
  private X11Source source;
  private Path ringDir;
  private FrameRing ring;
  private FrameRingWriter writer;
  private long window;
  private long tick;
  private long typed;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    xvfb = XvfbServer.start(W, H, "-s", "0");
    client = new XTestClient(xvfb.display());
    client.rootColour(0x336699);
    window = client.window(200, 100, 1200, 800, 0xFFFFFF, "editor", "editor");
    boolean damage = read.equals("damaged-rows");
    PrivacySettings rules =
        new PrivacySettings(
            List.of(),
            List.of(),
            exclusions.equals("none") ? List.of() : List.of(DefaultExclusions.values()));
    if (exclusions.equals("defaults-showing")) {
      client.window(1500, 900, 300, 150, 0x101010, "New Tab - Google Chrome (Incognito)", "chrome");
    }
    source =
        X11Source.open(
            xvfb.display(), List.of("all"), damage, rules.excludeApps(), rules.excludeTitles());
    ringDir = Files.createTempDirectory("x11-typing");
    ring =
        FrameRing.open(
            ringDir.resolve("frames.ring"),
            RingGeometry.forBudget(64L << 20, W, H),
            OffHeapBudget.unlimited());
    writer = ring.writer();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    ring.close();
    TempFiles.deleteTree(ringDir);
    source.close();
    client.close();
    xvfb.close();
  }

  @Benchmark
  public long typedCharacter() {
    int column = (int) (typed % GLYPHS_PER_LINE);
    int line = (int) (typed / GLYPHS_PER_LINE % 48);
    client.fill(
        window, 20 + column * 11, 20 + line * 16, 8, 14, typed % 2 == 0 ? 0x202020 : 0x404040);
    typed++;
    if (source.grab(0, ++tick) != Grab.FRAME || !writer.tryClaim(W, H)) {
      throw new IllegalStateException("no frame to write");
    }
    source.writeFrameTo(writer);
    long fingerprint = writer.fingerprint();
    writer.commit(typed, typed, 0); // as a changed frame is: the slots go round
    return fingerprint;
  }
}

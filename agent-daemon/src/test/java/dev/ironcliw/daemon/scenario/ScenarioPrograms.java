package dev.ironcliw.daemon.scenario;

import dev.ironcliw.capture.XvfbServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The X11 programs a scenario plays on an Xvfb display, all stopped when it is closed. */
public final class ScenarioPrograms implements AutoCloseable {
  private final XvfbServer xvfb;
  private final List<Process> started = new ArrayList<>();

  public ScenarioPrograms(XvfbServer xvfb) {
    this.xvfb = xvfb;
  }

  /** Starts {@code command} on the display, its output discarded. */
  public Process start(String... command) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("DISPLAY", xvfb.display());
    Process process = builder.start();
    started.add(process);
    return process;
  }

  /** The id of the first visible window whose name matches {@code pattern}, waiting for one. */
  public String window(String pattern) throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder("xdotool", "search", "--sync", "--onlyvisible", "--name", pattern)
            .redirectErrorStream(true);
    builder.environment().put("DISPLAY", xvfb.display());
    Process search = builder.start();
    String out = new String(search.getInputStream().readAllBytes()).trim();
    search.waitFor();
    return out.lines().findFirst().orElseThrow(() -> new IOException("no window " + pattern));
  }

  @Override
  public void close() {
    started.forEach(Process::destroyForcibly);
  }
}

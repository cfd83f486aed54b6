package dev.ironcliw.daemon.vault;

import dev.ironcliw.testing.NativePiece;
import dev.ironcliw.testing.NativeRequirement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Secret Service of its own for a test: a D-Bus session daemon and GNOME Keyring on it, its
 * login keyring unlocked, its files under a dir of the test's. Closing stops the bus, and with it
 * the keyring.
 */
final class SessionKeyring implements AutoCloseable {
  private final Process bus;
  private final String address;
  private final Map<String, String> env;

  private SessionKeyring(Process bus, String address, Map<String, String> env) {
    this.bus = bus;
    this.address = address;
    this.env = env;
  }

  /**
   * Skips the test (fails it under -Dironcliw.requireNative=true) when the programs are missing.
   */
  static SessionKeyring start(Path home) throws IOException, InterruptedException {
    NativeRequirement.require(
        KeyCommand.onPath("dbus-daemon")
            && KeyCommand.onPath("gnome-keyring-daemon")
            && KeyCommand.onPath("secret-tool"),
        NativePiece.SECRET_SERVICE);
    Path runtime = Files.createDirectories(home.resolve("run"));
    Map<String, String> base =
        Map.of(
            "HOME", home.toString(),
            "XDG_DATA_HOME", home.resolve("data").toString(),
            "XDG_RUNTIME_DIR", runtime.toString());
    ProcessBuilder busBuilder =
        new ProcessBuilder("dbus-daemon", "--session", "--nofork", "--print-address=1");
    busBuilder.environment().putAll(base);
    Process bus = busBuilder.redirectErrorStream(true).start();
    String address =
        new java.io.BufferedReader(
                new java.io.InputStreamReader(bus.getInputStream(), StandardCharsets.UTF_8))
            .readLine();
    if (address == null || !address.contains("=")) {
      bus.destroy();
      throw new IOException("dbus-daemon gave no address: " + address);
    }
    Map<String, String> env = new java.util.HashMap<>(base);
    env.put("DBUS_SESSION_BUS_ADDRESS", address.strip());
    ProcessBuilder keyring =
        new ProcessBuilder(
            "gnome-keyring-daemon", "--unlock", "--components=secrets", "--daemonize");
    keyring.environment().putAll(env);
    Process unlock = keyring.redirectErrorStream(true).start();
    unlock.getOutputStream().write("login password".getBytes(StandardCharsets.UTF_8));
    unlock.getOutputStream().close();
    String said = new String(unlock.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!unlock.waitFor(20, TimeUnit.SECONDS) || unlock.exitValue() != 0) {
      bus.destroy();
      throw new IOException("gnome-keyring-daemon did not start: " + said);
    }
    return new SessionKeyring(bus, address.strip(), Map.copyOf(env));
  }

  /** The environment of a process of this session: its bus, its home. */
  Map<String, String> env() {
    return env;
  }

  /** Stops the bus: the keyring goes with it, and the session's Secret Service cannot be asked. */
  void stop() {
    bus.destroy();
    try {
      bus.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // gnome-keyring-daemon leaves once its bus is gone; what is left of it is killed.
    try {
      new ProcessBuilder(List.of("pkill", "-f", "gnome-keyring-daemon.*--components=secrets"))
          .start()
          .waitFor(5, TimeUnit.SECONDS);
    } catch (IOException ignored) {
      // no pkill: the bus's end is enough
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return "session keyring on " + address;
  }
}

package dev.ironcliw.daemon.vault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The master key in the Secret Service of a Linux session (GNOME Keyring, KWallet, KeePassXC),
 * through libsecret's {@code secret-tool}: an item with attributes {@code service=ironcliw} and
 * {@code account=history-key}, in the default (login) collection, which the session unlocks at
 * login.
 */
public final class SecretServiceStore implements MasterKeyStore {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final List<String> ATTRIBUTES =
      List.of("service", "ironcliw", "account", "history-key");

  private final Map<String, String> session;

  /**
   * @param env the session's environment: its {@code DBUS_SESSION_BUS_ADDRESS} is the bus asked
   */
  public SecretServiceStore(Map<String, String> env) {
    String bus = env.get("DBUS_SESSION_BUS_ADDRESS");
    this.session = bus == null ? Map.of() : Map.of("DBUS_SESSION_BUS_ADDRESS", bus);
  }

  /** Whether this session may have one: {@code secret-tool} is installed and a session bus set. */
  public static boolean mayBeAvailable(Map<String, String> env) {
    String bus = env.get("DBUS_SESSION_BUS_ADDRESS");
    return bus != null && !bus.isBlank() && KeyCommand.onPath("secret-tool");
  }

  @Override
  public String name() {
    return "secret-service";
  }

  @Override
  public String describe() {
    return "the Secret Service (secret-tool, service=ironcliw account=history-key)";
  }

  @Override
  public Optional<String> read() {
    List<String> command = new java.util.ArrayList<>(List.of("secret-tool", "lookup"));
    command.addAll(ATTRIBUTES);
    KeyCommand.Result result = KeyCommand.run(command, null, TIMEOUT, session);
    if (result.exitCode() == 0 && !result.out().isBlank()) {
      return Optional.of(result.out().strip());
    }
    if (!result.err().isEmpty()) {
      // secret-tool says nothing when it finds nothing; it speaks when it cannot ask.
      throw new KeyStoreUnavailableException(
          "the Secret Service cannot be asked: " + result.err().lines().findFirst().orElse(""));
    }
    return Optional.empty();
  }

  @Override
  public void write(String value) {
    List<String> command =
        new java.util.ArrayList<>(List.of("secret-tool", "store", "--label=Ironcliw history key"));
    command.addAll(ATTRIBUTES);
    KeyCommand.Result result = KeyCommand.run(command, value, TIMEOUT, session);
    if (result.exitCode() != 0) {
      throw new KeyStoreUnavailableException(
          "the Secret Service did not keep the key: "
              + (result.err().isEmpty() ? "exit " + result.exitCode() : result.err()));
    }
  }
}

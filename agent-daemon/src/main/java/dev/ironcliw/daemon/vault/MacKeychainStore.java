package dev.ironcliw.daemon.vault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The master key in the user's login keychain on macOS, through the {@code security} tool: a
 * generic password with service {@code ironcliw} and account {@code history-key}. The key is
 * written through {@code security -i}, which reads the command from its standard input, so it never
 * appears on a command line. (Written against {@code security(1)}; not yet run on a Mac.)
 */
public final class MacKeychainStore implements MasterKeyStore {
  /** The keychain may ask the user to allow the access first. */
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  /** {@code security}'s exit code when no such item exists (errSecItemNotFound). */
  private static final int NOT_FOUND = 44;

  @Override
  public String name() {
    return "keychain";
  }

  @Override
  public String describe() {
    return "the macOS keychain (service ironcliw, account history-key)";
  }

  @Override
  public Optional<String> read() {
    KeyCommand.Result result =
        KeyCommand.run(
            List.of(
                "security", "find-generic-password", "-s", "ironcliw", "-a", "history-key", "-w"),
            null,
            TIMEOUT,
            Map.of());
    if (result.exitCode() == 0) {
      return Optional.of(result.out().strip());
    }
    if (result.exitCode() == NOT_FOUND) {
      return Optional.empty();
    }
    throw new KeyStoreUnavailableException(
        "the keychain cannot be asked: "
            + (result.err().isEmpty() ? "security exit " + result.exitCode() : result.err()));
  }

  @Override
  public void write(String value) {
    if (!value.matches("[A-Za-z0-9+/=:,]+")) {
      throw new IllegalArgumentException("a master key's text is base64 and separators");
    }
    String command =
        "add-generic-password -U -s ironcliw -a history-key -l \"Ironcliw history key\" -w "
            + value
            + "\n";
    KeyCommand.Result result =
        KeyCommand.run(List.of("security", "-i"), command, TIMEOUT, Map.of());
    if (result.exitCode() != 0 || !result.err().isEmpty()) {
      throw new KeyStoreUnavailableException(
          "the keychain did not keep the key: "
              + (result.err().isEmpty() ? "security exit " + result.exitCode() : result.err()));
    }
  }
}

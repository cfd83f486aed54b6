package dev.ironcliw.daemon.cli.service;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a user service runs: the launcher with {@code run} and its options, and the few environment
 * variables the daemon needs from the installing session. API keys are never among them: a service
 * file is not a place for secrets; the config's key file is.
 *
 * @param launcher the absolute path of the {@code ironcliw} script
 * @param runArgs {@code run}'s options, paths absolute
 * @param environment variables to set, by name
 */
public record ServiceDefinition(
    Path launcher, List<String> runArgs, Map<String, String> environment) {
  /** What a service takes from the installing session: the display and the JDK. */
  static final List<String> PASSED_ENVIRONMENT = List.of("DISPLAY", "XAUTHORITY", "JAVA_HOME");

  public ServiceDefinition {
    runArgs = List.copyOf(runArgs);
    environment = java.util.Collections.unmodifiableMap(new TreeMap<>(environment));
  }

  /** The definition for {@code launcher run runArgs}, with {@link #PASSED_ENVIRONMENT} from env. */
  public static ServiceDefinition of(Path launcher, List<String> runArgs, Map<String, String> env) {
    Map<String, String> passed = new TreeMap<>();
    for (String name : PASSED_ENVIRONMENT) {
      String value = env.get(name);
      if (value != null && !value.isBlank()) {
        passed.put(name, value);
      }
    }
    return new ServiceDefinition(launcher, runArgs, passed);
  }

  /** The whole command line: launcher, {@code run}, options. */
  public List<String> command() {
    List<String> command = new java.util.ArrayList<>();
    command.add(launcher.toString());
    command.add("run");
    command.addAll(runArgs);
    return command;
  }
}

package dev.ironcliw.config;

import java.io.Serial;
import java.util.List;
import java.util.stream.Collectors;

/** A configuration that cannot be used; carries every problem found, each on its own line. */
public final class ConfigException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  private final transient List<ConfigProblem> problems;

  public ConfigException(String source, List<ConfigProblem> problems) {
    super(
        "invalid configuration "
            + source
            + ":\n"
            + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<ConfigProblem> problems() {
    return problems;
  }
}

package dev.ironcliw.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The JVM flags the stack needs (the Vector API module, native access for JNA and the FFM API,
 * Chronicle's opens), for code that starts a JVM running it: tests that start the daemon, the
 * benchmarks and their JMH forks. They are the repository's {@code jvm.flags}, which the build
 * copies into this jar; the launcher and the tests' surefire argLine read that same file.
 */
public final class JvmFlags {
  /** Every flag of {@code jvm.flags}, in order. */
  public static final List<String> REQUIRED = read();

  private JvmFlags() {}

  private static List<String> read() {
    try (InputStream in = JvmFlags.class.getResourceAsStream("jvm.flags")) {
      if (in == null) {
        throw new IllegalStateException(
            "jvm.flags is not on the classpath next to " + JvmFlags.class.getName());
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The flags of a java {@code @argfile}: words of the lines that are not {@code #} comments. */
  static List<String> parse(String text) {
    return text.lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .flatMap(line -> Arrays.stream(line.split("\\s+")))
        .toList();
  }
}

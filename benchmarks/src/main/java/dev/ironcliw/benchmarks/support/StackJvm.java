package dev.ironcliw.benchmarks.support;

import dev.ironcliw.daemon.JvmFlags;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs an in-process benchmark in a JVM with the flags the stack needs ({@link JvmFlags#REQUIRED})
 * and the ones it asks for (a heap size, say): started without them, it starts itself again with
 * them. {@code ./ironcliw bench} starts its JVM with the stack's flags, so only a run's own flags
 * can make it start again.
 */
public final class StackJvm {
  private StackJvm() {}

  /**
   * Returns when this JVM has the stack's flags and {@code extraFlags}; otherwise runs {@code main}
   * with {@code args} in a child JVM that has them, and the flags this one was started with, and
   * exits with its status.
   */
  public static void relaunchUnlessReady(Class<?> main, String[] args, List<String> extraFlags)
      throws Exception {
    List<String> given = ManagementFactory.getRuntimeMXBean().getInputArguments();
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
        && given.containsAll(extraFlags)) {
      return;
    }
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(JvmFlags.REQUIRED);
    command.addAll(given); // the launcher's and the user's (IRONCLIW_JAVA_OPTS) flags too
    command.addAll(extraFlags);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    System.exit(new ProcessBuilder(command).inheritIO().start().waitFor());
  }
}

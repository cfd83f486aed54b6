package dev.ironcliw.benchmarks;

import dev.ironcliw.daemon.JvmFlags;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs an in-process benchmark in a JVM with the flags the stack needs (the Vector API module,
 * native access, Chronicle's opens): started without them, it starts itself again with them, so the
 * benchmark is one {@code java -cp benchmarks.jar} command. The flags are {@link
 * JvmFlags#REQUIRED}.
 */
public final class StackJvm {
  private StackJvm() {}

  /**
   * Returns when this JVM has the stack's flags; otherwise runs {@code main} with {@code args} in a
   * child JVM that has them (plus {@code extraFlags}) and exits with its status.
   */
  public static void relaunchUnlessReady(Class<?> main, String[] args, List<String> extraFlags)
      throws Exception {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
      return;
    }
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(JvmFlags.REQUIRED);
    command.addAll(extraFlags);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    System.exit(new ProcessBuilder(command).inheritIO().start().waitFor());
  }
}

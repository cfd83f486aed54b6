package dev.ironcliw.benchmarks;

import dev.ironcliw.daemon.JvmFlags;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.stream.Collectors;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * {@code ./ironcliw bench}: lists and runs the benchmarks, in the JDK the launcher found.
 *
 * <ul>
 *   <li>{@code --list}: every JMH benchmark and every end-to-end run ({@link BenchRun}).
 *   <li>{@code NAME [ARGS]}: the run called NAME with its arguments; otherwise JMH with NAME as the
 *       regular expression of the benchmarks to run and ARGS as JMH options. JMH's forks run with
 *       the stack's JVM flags ({@link JvmFlags}) and a 1 GiB heap, unless {@code -jvmArgs} is
 *       given; {@code -jvmArgsAppend} adds to them.
 * </ul>
 *
 * Exits 0 only when every benchmark selected gave a result: JMH itself goes on, and exits 0, when a
 * fork fails to start.
 */
public final class Bench {
  private static final String USAGE =
      """
      usage: ironcliw bench --list            every JMH benchmark and end-to-end run
             ironcliw bench RUN [ARGS]        an end-to-end run (PipelineReplayRun, SoakRun, ...)
             ironcliw bench REGEX [JMH ARGS]  the JMH benchmarks REGEX matches, e.g.
                                              ironcliw bench TileDiffBenchmark -f 1 -wi 2 -i 3
             ironcliw bench [JMH ARGS]        every JMH benchmark
      """;

  /** The heap of a JMH fork. */
  private static final String FORK_HEAP = "-Xmx1g";

  private Bench() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      System.out.print(USAGE);
      System.exit(args.length == 0 ? 2 : 0);
    }
    if (args[0].equals("--list")) {
      list(System.out);
      return;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    var run = BenchRun.named(args[0]);
    if (run.isPresent()) {
      run.get().main.run(rest);
      return;
    }
    System.exit(jmh(args));
  }

  private static void list(PrintStream out) {
    out.println("JMH benchmarks (./ironcliw bench REGEX [JMH ARGS]; REGEX may name a class):");
    for (BenchmarkListEntry entry : available(List.of(".*"), List.of())) {
      out.println("  " + entry.getUsername().substring("dev.ironcliw.".length()));
    }
    out.println();
    out.println("End-to-end runs (./ironcliw bench RUN [ARGS]):");
    for (BenchRun run : BenchRun.values()) {
      out.println("  " + run.runName + " " + run.arguments);
      out.println("      " + run.description);
    }
  }

  private static SortedSet<BenchmarkListEntry> available(
      List<String> includes, List<String> excludes) {
    return BenchmarkList.defaultList()
        .find(
            OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT),
            includes,
            excludes);
  }

  /** Runs JMH with {@code args}; the exit status. */
  private static int jmh(String[] args) throws Exception {
    CommandLineOptions command;
    try {
      command = new CommandLineOptions(args);
    } catch (CommandLineOptionException e) {
      System.err.println("ironcliw bench: " + e.getMessage());
      return 2;
    }
    if (command.shouldHelp()) {
      command.showHelp();
      return 0;
    }
    // A fork's flags: the stack's and a heap (instead of this JVM's, which JMH passes on when none
    // are given), then any -jvmArgsAppend given here.
    List<String> forkFlags = new ArrayList<>(JvmFlags.REQUIRED);
    forkFlags.add(FORK_HEAP);
    OptionsBuilder builder = new OptionsBuilder();
    builder.parent(command);
    if (command.getJvmArgs().orElse(null) == null) {
      builder.jvmArgs(forkFlags.toArray(String[]::new));
    }
    Options options = builder.build();
    List<String> includes = options.getIncludes().isEmpty() ? List.of(".*") : options.getIncludes();
    SortedSet<BenchmarkListEntry> selected = available(includes, options.getExcludes());
    if (selected.isEmpty()) {
      System.err.println(
          "ironcliw bench: no run or JMH benchmark matches "
              + String.join(" ", includes)
              + "; ./ironcliw bench --list shows them");
      return 2;
    }
    Collection<RunResult> results;
    try {
      results = new Runner(options).run();
    } catch (RunnerException e) {
      System.err.println("ironcliw bench: " + e.getMessage());
      return 1;
    }
    Set<String> measured =
        results.stream().map(r -> r.getParams().getBenchmark()).collect(Collectors.toSet());
    List<String> failed =
        selected.stream()
            .map(BenchmarkListEntry::getUsername)
            .filter(name -> !measured.contains(name))
            .distinct()
            .toList();
    if (!failed.isEmpty()) {
      System.err.println(
          "ironcliw bench: "
              + failed.size()
              + " of "
              + selected.stream().map(BenchmarkListEntry::getUsername).distinct().count()
              + " benchmarks gave no result (their errors are above): "
              + String.join(", ", failed));
      return 1;
    }
    return 0;
  }
}

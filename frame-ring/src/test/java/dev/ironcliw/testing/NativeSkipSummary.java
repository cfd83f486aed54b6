package dev.ironcliw.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Prints the one line that ends a build's test run: which native suites were skipped, and which
 * packages would let them run. Reads the files {@link NativeSkipListener} wrote since the build
 * started; prints nothing when no test JVM of this build wrote one (tests skipped). Run by the last
 * module of the build ({@code benchmarks}) with the directory and the build's start (an ISO
 * instant) as its arguments.
 */
public final class NativeSkipSummary {
  private NativeSkipSummary() {}

  public static void main(String[] args) throws IOException {
    Path directory = Path.of(args[0]);
    Instant buildStart = Instant.parse(args[1]);
    if (!Files.isDirectory(directory)) {
      return;
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(directory)) {
      files =
          listing
              .filter(p -> p.toString().endsWith(".tsv"))
              .filter(p -> !modified(p).isBefore(buildStart))
              .sorted()
              .toList();
    }
    if (files.isEmpty()) {
      return;
    }
    List<String> lines = new ArrayList<>();
    for (Path file : files) {
      lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
    }
    System.out.println(summary(lines));
  }

  private static Instant modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toInstant();
    } catch (IOException e) {
      return Instant.MIN;
    }
  }

  /** The summary of {@code PIECE<tab>TestClass<tab>unique id} lines. */
  static String summary(List<String> lines) {
    Map<NativePiece, Set<String>> tests = new EnumMap<>(NativePiece.class);
    Map<NativePiece, Set<String>> classesOf = new EnumMap<>(NativePiece.class);
    for (String line : lines) {
      String[] fields = line.split("\t", 3);
      if (fields.length == 3) {
        NativePiece piece = NativePiece.valueOf(fields[0]);
        classesOf.computeIfAbsent(piece, p -> new TreeSet<>()).add(fields[1]);
        tests.computeIfAbsent(piece, p -> new TreeSet<>()).add(fields[2]);
      }
    }
    if (tests.isEmpty()) {
      return "Native test suites: none skipped.";
    }
    List<String> parts = new ArrayList<>();
    Set<String> debian = new LinkedHashSet<>();
    Set<String> homebrew = new LinkedHashSet<>();
    tests.forEach(
        (piece, names) -> {
          Set<String> classes = classesOf.get(piece);
          parts.add(
              piece.description()
                  + " ("
                  + names.size()
                  + (names.size() == 1 ? " test" : " tests")
                  + " in "
                  + String.join(", ", classes)
                  + ")");
          debian.addAll(piece.debianPackages());
          homebrew.addAll(piece.homebrewPackages());
        });
    StringBuilder text =
        new StringBuilder("Native test suites skipped: ").append(String.join("; ", parts));
    if (!debian.isEmpty()) {
      text.append(". To run them, Debian/Ubuntu: apt-get install ")
          .append(String.join(" ", debian));
    }
    if (!homebrew.isEmpty()) {
      text.append("; macOS: brew install ").append(String.join(" ", homebrew));
    }
    return text.append('.').toString();
  }
}

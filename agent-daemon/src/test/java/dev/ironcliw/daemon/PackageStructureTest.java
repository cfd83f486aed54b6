package dev.ironcliw.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout of the whole tree's main code, read from its sources: no package holds more than
 * {@link #MAX_FILES} files, the packages' imports of each other form no cycle, and no module
 * declares a package of another module (a benchmark reaches the daemon through its public types).
 * Prints files per package and the packages each one imports.
 */
class PackageStructureTest {
  private static final int MAX_FILES = 25;
  private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);");
  private static final Pattern REFERENCE =
      Pattern.compile("\\b(dev\\.ironcliw(?:\\.[a-z]\\w*)+)\\.[A-Z]");

  /** Package name to its files, by module. */
  private static final Map<String, Map<String, List<Path>>> FILES = new TreeMap<>();

  /** Package name to the packages of this tree its files import. */
  private static final Map<String, Set<String>> IMPORTS = new TreeMap<>();

  @BeforeAll
  static void readTheTree() throws IOException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path module :
          modules.filter(m -> Files.isDirectory(m.resolve("src/main/java"))).toList()) {
        try (Stream<Path> sources = Files.walk(module.resolve("src/main/java"))) {
          for (Path file : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
            String text = Files.readString(file);
            Matcher declared = PACKAGE.matcher(text);
            if (!declared.find()) {
              continue;
            }
            String pkg = declared.group(1);
            FILES
                .computeIfAbsent(pkg, p -> new TreeMap<>())
                .computeIfAbsent(module.getFileName().toString(), m -> new ArrayList<>())
                .add(file);
            Set<String> imported = IMPORTS.computeIfAbsent(pkg, p -> new TreeSet<>());
            Matcher reference = REFERENCE.matcher(text);
            while (reference.find()) {
              if (!reference.group(1).equals(pkg)) {
                imported.add(reference.group(1));
              }
            }
          }
        }
      }
    }
    FILES.forEach(
        (pkg, byModule) ->
            System.out.printf(
                "package %-36s %3d files (%s) imports %s%n",
                pkg,
                byModule.values().stream().mapToInt(List::size).sum(),
                String.join(", ", byModule.keySet()),
                IMPORTS.get(pkg)));
  }

  @Test
  void shouldKeepEveryPackageSmall() {
    Map<String, Integer> large = new TreeMap<>();
    FILES.forEach(
        (pkg, byModule) -> {
          int files = byModule.values().stream().mapToInt(List::size).sum();
          if (files > MAX_FILES) {
            large.put(pkg, files);
          }
        });
    assertEquals(Map.of(), large, "packages over " + MAX_FILES + " main files");
  }

  @Test
  void shouldDeclareEachPackageInOneModule() {
    Map<String, Set<String>> shared = new TreeMap<>();
    FILES.forEach(
        (pkg, byModule) -> {
          if (byModule.size() > 1) {
            shared.put(pkg, byModule.keySet());
          }
        });
    assertEquals(Map.of(), shared, "packages declared by more than one module");
  }

  @Test
  void shouldHaveNoImportCycleBetweenPackages() {
    List<List<String>> cycles = cycles();
    cycles.forEach(c -> System.out.println("import cycle: " + String.join(" -> ", c)));
    assertTrue(cycles.isEmpty(), "import cycles between packages: " + cycles);
  }

  /** The strongly connected groups of more than one package (Tarjan's algorithm). */
  private static List<List<String>> cycles() {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    List<List<String>> found = new ArrayList<>();
    for (String pkg : IMPORTS.keySet()) {
      if (!index.containsKey(pkg)) {
        connect(pkg, index, low, stack, found);
      }
    }
    return found;
  }

  private static void connect(
      String pkg,
      Map<String, Integer> index,
      Map<String, Integer> low,
      Deque<String> stack,
      List<List<String>> found) {
    index.put(pkg, index.size());
    low.put(pkg, index.get(pkg));
    stack.push(pkg);
    for (String next : IMPORTS.getOrDefault(pkg, Set.of())) {
      if (!IMPORTS.containsKey(next)) {
        continue;
      }
      if (!index.containsKey(next)) {
        connect(next, index, low, stack, found);
        low.put(pkg, Math.min(low.get(pkg), low.get(next)));
      } else if (stack.contains(next)) {
        low.put(pkg, Math.min(low.get(pkg), index.get(next)));
      }
    }
    if (low.get(pkg).equals(index.get(pkg))) {
      List<String> group = new ArrayList<>();
      String member;
      do {
        member = stack.pop();
        group.add(member);
      } while (!member.equals(pkg));
      if (group.size() > 1) {
        found.add(group);
      }
    }
  }
}

package dev.ironcliw.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MappedLibrariesTest {
  @Test
  @SuppressWarnings("restricted") // the tests run with --enable-native-access=ALL-UNNAMED
  void shouldPageOutOnlyWhatWasLoadedSinceTheSnapshotAndKeepItWorking() throws Throwable {
    assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "Linux only: no /proc/self/maps");
    Set<String> before = MappedLibraries.paths();
    assertTrue(before.stream().anyMatch(p -> p.endsWith("libjvm.so")), before.toString());
    assertEquals(List.of(), MappedLibraries.pageOutLoadedSince(before), "nothing new yet");

    // A small library of the base system this JVM has not loaded yet, and a function of it that
    // answers its version: other tests in the same JVM may have loaded some (Tesseract: zlib).
    Map<String, String> versionFunctions = new LinkedHashMap<>();
    versionFunctions.put("libz.so.1", "zlibVersion");
    versionFunctions.put("libbz2.so.1.0", "BZ2_bzlibVersion");
    versionFunctions.put("liblzma.so.5", "lzma_version_string");
    versionFunctions.put("libzstd.so.1", "ZSTD_versionString");
    versionFunctions.put("libexpat.so.1", "XML_ExpatVersion");
    Path library = null;
    String mapped = null;
    for (String name : versionFunctions.keySet()) {
      for (String dir : List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu")) {
        Path candidate = Path.of(dir, name);
        if (library == null
            && Files.exists(candidate)
            && !before.contains(candidate.toRealPath().toString())) {
          library = candidate;
          mapped = candidate.toRealPath().toString(); // the maps name the file, not the link
        }
      }
    }
    assumeTrue(library != null, "every candidate library is loaded already or missing");
    String versionFunction = versionFunctions.get(library.getFileName().toString());
    try (Arena arena = Arena.ofConfined()) {
      SymbolLookup symbols = SymbolLookup.libraryLookup(library, arena);

      List<String> pagedOut = MappedLibraries.pageOutLoadedSince(before);

      assertTrue(pagedOut.contains(mapped), pagedOut.toString());
      assertFalse(pagedOut.stream().anyMatch(before::contains), pagedOut.toString());
      MethodHandle version =
          Linker.nativeLinker()
              .downcallHandle(
                  symbols.find(versionFunction).orElseThrow(),
                  FunctionDescriptor.of(ValueLayout.ADDRESS));
      MemorySegment text = ((MemorySegment) version.invokeExact()).reinterpret(32);
      assertTrue(
          text.getString(0).matches(".*[0-9]+\\.[0-9].*"),
          library + ": its code runs, read back from the file: " + text.getString(0));
    }
  }
}

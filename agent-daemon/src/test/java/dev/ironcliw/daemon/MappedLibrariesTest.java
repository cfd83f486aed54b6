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
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MappedLibrariesTest {
  @Test
  @SuppressWarnings("restricted") // the tests run with --enable-native-access=ALL-UNNAMED
  void shouldPageOutOnlyWhatWasLoadedSinceTheSnapshotAndKeepItWorking() throws Throwable {
    assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "Linux only: no /proc/self/maps");
    Set<String> before = MappedLibraries.paths();
    assertTrue(before.stream().anyMatch(p -> p.endsWith("libjvm.so")), before.toString());
    assertEquals(List.of(), MappedLibraries.pageOutLoadedSince(before), "nothing new yet");

    Path zlib =
        Stream.of("/lib/x86_64-linux-gnu/libz.so.1", "/usr/lib/x86_64-linux-gnu/libz.so.1")
            .map(Path::of)
            .filter(Files::exists)
            .findFirst()
            .orElse(null);
    assumeTrue(zlib != null, "no zlib here");
    String mapped = zlib.toRealPath().toString(); // the maps name the file, not the link
    assumeTrue(!before.contains(mapped), "zlib was loaded already");
    try (Arena arena = Arena.ofConfined()) {
      SymbolLookup library = SymbolLookup.libraryLookup(zlib, arena);

      List<String> pagedOut = MappedLibraries.pageOutLoadedSince(before);

      assertTrue(pagedOut.contains(mapped), pagedOut.toString());
      assertFalse(pagedOut.stream().anyMatch(before::contains), pagedOut.toString());
      MethodHandle version =
          Linker.nativeLinker()
              .downcallHandle(
                  library.find("zlibVersion").orElseThrow(),
                  FunctionDescriptor.of(ValueLayout.ADDRESS));
      MemorySegment text = ((MemorySegment) version.invokeExact()).reinterpret(32);
      assertTrue(text.getString(0).startsWith("1."), "its code runs, read back from the file");
    }
  }
}

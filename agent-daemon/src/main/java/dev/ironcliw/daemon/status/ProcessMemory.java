package dev.ironcliw.daemon.status;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The daemon's resident memory as the kernel counts it, from {@code /proc/self/status} (Linux): the
 * whole ({@code VmRSS}) and its parts (anonymous: heap and malloc; file: mapped files such as the
 * ring and the journal; shmem), plus the peak ({@code VmHWM}). Empty where there is no such file.
 */
final class ProcessMemory {
  private static final Path STATUS = Path.of("/proc/self/status");
  private static final List<String> FIELDS =
      List.of("VmRSS", "RssAnon", "RssFile", "RssShmem", "VmHWM");

  private ProcessMemory() {}

  /** Each field in bytes, keyed rssBytes, rssAnonBytes, ...; empty when unreadable. */
  static JsonObject read() {
    JsonObject out = new JsonObject();
    List<String> lines;
    try {
      lines = Files.readAllLines(STATUS);
    } catch (IOException e) {
      return out;
    }
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon < 0 || !FIELDS.contains(line.substring(0, colon))) {
        continue;
      }
      String[] value = line.substring(colon + 1).trim().split("\\s+");
      try {
        out.put(name(line.substring(0, colon)), Long.parseLong(value[0]) * 1024);
      } catch (NumberFormatException e) {
        // a field this kernel writes differently is left out
      }
    }
    return out;
  }

  private static String name(String field) {
    return switch (field) {
      case "VmRSS" -> "rssBytes";
      case "RssAnon" -> "rssAnonBytes";
      case "RssFile" -> "rssFileBytes";
      case "RssShmem" -> "rssShmemBytes";
      default -> "peakRssBytes";
    };
  }
}

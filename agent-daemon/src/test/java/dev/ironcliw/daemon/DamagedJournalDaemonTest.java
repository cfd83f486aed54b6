package dev.ironcliw.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The red team's damaged journal, end to end: a real daemon journals, stops, and its journal is
 * damaged on disk (a garbage {@code metadata.cq4t}, a zeroed page among the records, flipped bytes
 * further on). The next start must not fail: it reports the damage in {@code status}, keeps every
 * whole record it served before, pages through all of them without a 5xx, and writes new records
 * after them.
 */
class DamagedJournalDaemonTest {
  @TempDir Path temp;

  @Test
  void shouldStartOnADamagedJournalKeepWhatIsWholeAndSayWhatWasDamaged() throws Exception {
    Path data = temp.resolve("data");
    Path config = temp.resolve("ironcliw.yaml");
    Files.writeString(
        config,
        DaemonProcess.SMALL_DESKTOP_YAML.replace("fps: 20", "fps: 30")
            + "diff:\n  backend: cpu\nvision:\n  provider: none\n");
    List<JsonObject> before;
    try (DaemonProcess daemon = DaemonProcess.startSynthetic(data, config)) {
      daemon.awaitStatus(
          s -> s.getJsonObject("journal").getLong("records") >= 600, Duration.ofSeconds(120));
      assertEquals(0, daemon.terminate());
    }
    try (DaemonProcess reader = DaemonProcess.startSynthetic(data, config, "--fps", "1")) {
      before = reader.allFrames("&toSeq=599", 1000);
      reader.terminate();
    }
    assertEquals(600, before.size());

    Path journal = data.resolve("journal");
    Path day = newestCycleFile(journal);
    Files.write(journal.resolve("metadata.cq4t"), "not a metadata file ".repeat(500).getBytes());
    try (RandomAccessFile file = new RandomAccessFile(day.toFile(), "rw")) {
      file.seek(100_000);
      file.write(new byte[4096]);
      file.seek(150_000);
      byte[] bytes = new byte[64];
      file.readFully(bytes);
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) ~bytes[i];
      }
      file.seek(150_000);
      file.write(bytes);
    }

    try (DaemonProcess daemon = DaemonProcess.startSynthetic(data, config)) {
      JsonObject status = daemon.status();
      JsonObject repairs = status.getJsonObject("journal").getJsonObject("repairs");
      assertTrue(repairs.getString("metadataMovedTo").contains("damaged"), repairs.encode());
      assertEquals(1, repairs.getJsonArray("cycles").size(), repairs.encode());
      assertTrue(status.getJsonObject("journal").getLong("damaged") >= 2, status.encode());
      JsonObject recovery = status.getJsonObject("recovery");
      assertEquals(0, recovery.getLong("framesLost"), recovery.encode());

      List<JsonObject> after = daemon.allFrames("&toSeq=599", 100);
      // A zeroed 4 KiB page and 64 flipped bytes cost a few dozen records, no more.
      daemon.output().lines().filter(l -> l.contains("journal")).forEach(System.out::println);
      assertTrue(after.size() >= 600 - 40, after.size() + " of 600 records kept");
      // A frame's record is served as before; whether its keyframe is kept may change, when the
      // keyframe was among the damaged records.
      List<String> served = before.stream().map(DamagedJournalDaemonTest::record).toList();
      for (JsonObject f : after) {
        assertTrue(served.contains(record(f)), "a record changed or appeared: " + f.encode());
      }
      long firstSeq = recovery.getLong("firstSeq");
      daemon.awaitStatus(
          s -> s.getJsonObject("journal").getLong("lastSeq") > firstSeq + 10,
          Duration.ofSeconds(30));
      assertTrue(daemon.allFrames("&fromSeq=" + firstSeq, 100).size() > 10);
    }
  }

  private static String record(JsonObject frame) {
    JsonObject copy = DaemonProcess.recordOf(frame);
    copy.remove("keyframe");
    return copy.encode();
  }

  private static Path newestCycleFile(Path journal) throws Exception {
    try (Stream<Path> files = Files.list(journal)) {
      return files.filter(f -> f.toString().endsWith(".cq4")).sorted().toList().getLast();
    }
  }
}

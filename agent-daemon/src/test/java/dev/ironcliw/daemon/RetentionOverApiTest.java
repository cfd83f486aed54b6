package dev.ironcliw.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.daemon.journal.Journal;
import dev.ironcliw.daemon.journal.record.ContextEventRecord;
import dev.ironcliw.daemon.journal.record.FrameRecord;
import dev.ironcliw.dedup.Verdict;
import dev.ironcliw.testing.Waits;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20, finding 9: {@code history.retention.maxBytes} lowered over the API deletes days, and
 * the deletion is journaled (an event of kind {@code retention} naming the limit and that it came
 * from the API) and counted in {@code status}, before any day goes. Issue 21: the text index
 * forgets what retention deleted (the window titles of those days).
 */
class RetentionOverApiTest {
  private static final int DAYS = 3;
  private static final int FRAMES_A_DAY = 50;

  @TempDir Path temp;

  @Test
  void shouldJournalTheDaysALimitSetOverTheApiDeletes() throws Exception {
    Path data = temp.resolve("data");
    Files.createDirectory(
        data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Instant firstDay =
        Instant.ofEpochMilli(System.currentTimeMillis()).minus(Duration.ofDays(DAYS + 1));
    SetTimeProvider clock = new SetTimeProvider(firstDay);
    try (Journal journal = Journal.open(data.resolve("journal"), 1 << 20, clock)) {
      long seq = 0;
      for (int day = 0; day < DAYS; day++) {
        clock.currentTimeMillis(firstDay.plus(Duration.ofDays(day)).toEpochMilli());
        journal.append(
            new ContextEventRecord(
                clock.currentTimeMillis() * 1_000_000L,
                seq,
                0,
                "Gedit",
                "quarterly report day " + day,
                false));
        for (int i = 0; i < FRAMES_A_DAY; i++) {
          journal.append(frame(seq++, clock.currentTimeMillis() + i));
        }
      }
    }
    Path config = temp.resolve("ironcliw.yaml");
    Files.writeString(
        config,
        DaemonProcess.SMALL_DESKTOP_YAML + "diff:\n  backend: cpu\nvision:\n  provider: none\n");
    try (DaemonProcess daemon = DaemonProcess.startSynthetic(data, config, "--fps", "2")) {
      assertEquals(0, daemon.status().getJsonObject("journal").getLong("daysDeleted"));
      Waits.await("the old days' titles indexed", Duration.ofSeconds(30))
          .until(() -> titles(daemon, "quarterly").size() == DAYS);
      assertEquals(
          200,
          daemon
              .put("/api/v1/config/history.retention.maxBytes", "{\"value\": \"1MiB\"}")
              .statusCode());
      daemon.awaitStatus(
          s -> s.getJsonObject("journal").getLong("daysDeleted") == DAYS, Duration.ofSeconds(30));

      JsonArray events =
          new JsonObject(daemon.get("/api/v1/events?kind=retention").body()).getJsonArray("events");
      assertEquals(1, events.size(), events.encode());
      JsonObject deleted = events.getJsonObject(0);
      assertEquals(DAYS, deleted.getInteger("days"));
      assertTrue(deleted.getLong("bytes") > 0);
      assertTrue(
          deleted.getString("limits").contains("maxBytes 1MiB (api)"), deleted.getString("limits"));
      assertTrue(daemon.allFrames("&toSeq=" + (DAYS * FRAMES_A_DAY - 1), 100).isEmpty());
      Waits.await("the deleted days' titles gone from the index", Duration.ofSeconds(30))
          .until(() -> titles(daemon, "quarterly").isEmpty());
    }
  }

  private static JsonArray titles(DaemonProcess daemon, String q) throws Exception {
    return new JsonObject(daemon.get("/api/v1/search?kind=title&q=" + q).body())
        .getJsonArray("results");
  }

  private static FrameRecord frame(long seq, long atMillis) {
    return new FrameRecord(
        seq,
        atMillis * 1_000_000L,
        "synthetic",
        Verdict.DUPLICATE,
        false,
        0,
        320,
        180,
        seq,
        seq,
        0,
        List.of(),
        0,
        0,
        -1,
        List.of(),
        new byte[0]);
  }
}

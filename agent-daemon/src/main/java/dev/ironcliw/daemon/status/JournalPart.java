package dev.ironcliw.daemon.status;

import dev.ironcliw.daemon.journal.Journal;
import dev.ironcliw.daemon.journal.JournalRetention;
import dev.ironcliw.daemon.journal.KeyframeWriter;
import dev.ironcliw.daemon.journal.repair.JournalRepairReport;
import dev.ironcliw.daemon.journal.repair.RepairedCycle;
import dev.ironcliw.daemon.pipeline.PipelineStats;
import dev.ironcliw.daemon.vault.HistoryVault;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * Status {@code journal}: records, its disk, retention, keyframes, the damage found at start and
 * since, and its encryption.
 */
public final class JournalPart implements StatusPart {
  private final Journal journal;
  private final JournalRetention retention;
  private final KeyframeWriter keyframes;
  private final PipelineStats stats;
  private final HistoryVault.Opened vault;

  /**
   * @param vault the history's keys as opened at start
   */
  public JournalPart(
      Journal journal,
      JournalRetention retention,
      KeyframeWriter keyframes,
      PipelineStats stats,
      HistoryVault.Opened vault) {
    this.journal = journal;
    this.retention = retention;
    this.keyframes = keyframes;
    this.stats = stats;
    this.vault = vault;
  }

  @Override
  public String key() {
    return "journal";
  }

  @Override
  public JsonObject toJson(long nowNanos) {
    long oldestDay = retention.oldestCycleStartMillis();
    return new JsonObject()
        .put("records", journal.records())
        .put("lastSeq", journal.lastSeq())
        .put("disk", journal.diskGuard() == null ? null : journal.diskGuard().toJson())
        .put("diskBytes", retention.diskBytes())
        .put("oldestDay", oldestDay < 0 ? null : Instant.ofEpochMilli(oldestDay).toString())
        .put(
            "keyframes",
            new JsonObject()
                .put("kept", journal.keyframes())
                .put("written", keyframes.written())
                .put("bytesWritten", keyframes.bytesWritten())
                .put("missed", keyframes.missed())
                .put("dropped", keyframes.dropped()))
        .put("daysDeleted", retention.cyclesDeleted())
        .put("bytesDeleted", retention.bytesDeleted())
        .put("appendErrors", stats.journalErrors())
        .put("damaged", journal.damaged())
        .put("repairs", repairs(journal.repairs()))
        .put(
            "encryption",
            new JsonObject()
                .put("encrypted", vault.sealNew())
                .put("keyStore", vault.store() == null ? null : vault.store().describe())
                .put("dataKeys", vault.keys() == null ? 0 : vault.keys().size()));
  }

  /** What the check at start moved aside and kept, so a user can find the damaged files. */
  private static JsonObject repairs(JournalRepairReport report) {
    JsonArray cycles = new JsonArray();
    for (RepairedCycle c : report.cycles()) {
      cycles.add(
          new JsonObject()
              .put("file", c.file())
              .put("movedTo", c.movedTo().toString())
              .put("recordsKept", c.recordsKept())
              .put("damagedRecords", c.damagedRecords())
              .put("damagedStretches", c.damagedStretches())
              .put("problem", c.firstProblem()));
    }
    return new JsonObject()
        .put("cycles", cycles)
        .put(
            "metadataMovedTo",
            report.metadataMovedTo() == null ? null : report.metadataMovedTo().toString())
        .put("metadataProblem", report.metadataProblem());
  }
}

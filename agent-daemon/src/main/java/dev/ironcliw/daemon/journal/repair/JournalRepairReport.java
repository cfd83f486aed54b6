package dev.ironcliw.daemon.journal.repair;

import java.nio.file.Path;
import java.util.List;

/**
 * What a start's check of the journal found and did.
 *
 * @param cycles the damaged cycle files moved aside, oldest first
 * @param metadataMovedTo where an unusable {@code metadata.cq4t} was moved, null when it was whole
 * @param metadataProblem what was wrong with it, null when it was whole
 */
public record JournalRepairReport(
    List<RepairedCycle> cycles, Path metadataMovedTo, String metadataProblem) {
  public static final JournalRepairReport NOTHING = new JournalRepairReport(List.of(), null, null);

  public JournalRepairReport {
    cycles = List.copyOf(cycles);
  }

  /** This report and {@code more} cycles repaired after it. */
  public JournalRepairReport with(List<RepairedCycle> more) {
    List<RepairedCycle> all = new java.util.ArrayList<>(cycles);
    all.addAll(more);
    return new JournalRepairReport(all, metadataMovedTo, metadataProblem);
  }

  /** Records and stretches of records found damaged and skipped. */
  public long damaged() {
    return cycles.stream().mapToLong(RepairedCycle::damaged).sum();
  }
}

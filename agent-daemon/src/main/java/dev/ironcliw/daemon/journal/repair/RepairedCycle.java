package dev.ironcliw.daemon.journal.repair;

import java.nio.file.Path;

/**
 * A damaged cycle file that a start moved aside, and what of it was kept.
 *
 * @param file the cycle file's name in the journal
 * @param movedTo where the damaged file now is; never written to again
 * @param recordsKept whole records copied into a new file of the same name
 * @param damagedRecords records whose framing was intact but that were not whole
 * @param damagedStretches stretches that framed no document (each may have held many records)
 * @param firstProblem what was wrong first, and where
 */
public record RepairedCycle(
    String file,
    Path movedTo,
    long recordsKept,
    long damagedRecords,
    long damagedStretches,
    String firstProblem) {

  /** Records and stretches skipped. */
  public long damaged() {
    return damagedRecords + damagedStretches;
  }
}

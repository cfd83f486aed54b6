package dev.ironcliw.daemon.journal.repair;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The check a start runs over the journal before Chronicle opens it. A cycle file that is not whole
 * is moved into {@code damaged/} (never written to again) and its whole records are copied, in
 * order, into a new file of the same name, so the history keeps what can be read and new records
 * never land on top of old ones. A {@code metadata.cq4t} Chronicle cannot use is moved there too,
 * and Chronicle writes a new one from the cycle files.
 */
public final class JournalRepair {
  private static final Logger LOG = LoggerFactory.getLogger(JournalRepair.class);
  static final String DAMAGED_DIR = "damaged";
  static final String METADATA_FILE = "metadata.cq4t";
  private static final DateTimeFormatter MOVED_AT =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final Path journal;
  private final RollCycle rollCycle;
  private final long blockBytes;

  private JournalRepair(Path journal, RollCycle rollCycle, long blockBytes) {
    this.journal = journal;
    this.rollCycle = rollCycle;
    this.blockBytes = blockBytes;
  }

  /**
   * Checks the journal in {@code journal} (nothing to do when it does not exist yet).
   *
   * @param blockBytes the block size a new copy of a cycle is written with
   */
  public static JournalRepairReport run(Path journal, RollCycle rollCycle, long blockBytes) {
    if (!Files.isDirectory(journal, LinkOption.NOFOLLOW_LINKS)) {
      return JournalRepairReport.NOTHING;
    }
    try {
      return new JournalRepair(journal, rollCycle, blockBytes).run();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check the journal in " + journal, e);
    }
  }

  /**
   * Moves each of {@code files} aside and copies its whole records into a new file of its name: for
   * damage only Chronicle sees, such as an index that does not point at the records.
   *
   * @param problem what is wrong with them
   */
  public static List<RepairedCycle> rewrite(
      Path journal, RollCycle rollCycle, long blockBytes, List<Path> files, String problem) {
    JournalRepair repair = new JournalRepair(journal, rollCycle, blockBytes);
    try {
      List<Path> cycles = repair.cycleFiles();
      List<RepairedCycle> repaired = new ArrayList<>();
      for (Path file : files) {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
          CycleFileScan.Result found = new CycleFileScan.Result(0, 0, 1, problem);
          repaired.add(repair.repair(file, found, !file.equals(cycles.getLast())));
        }
      }
      return repaired;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rewrite " + files, e);
    }
  }

  private JournalRepairReport run() throws IOException {
    Path metadata = journal.resolve(METADATA_FILE);
    Path metadataMovedTo = null;
    String metadataProblem = null;
    if (Files.exists(metadata, LinkOption.NOFOLLOW_LINKS)) {
      metadataProblem = MetadataFileCheck.problem(metadata);
      if (metadataProblem != null) {
        metadataMovedTo = moveAside(metadata);
        LOG.warn(
            "journal: {} is unreadable ({}); moved to {}, and a new one is written from the cycle"
                + " files",
            METADATA_FILE,
            metadataProblem,
            metadataMovedTo);
      }
    }
    List<RepairedCycle> repaired = new ArrayList<>();
    List<Path> cycles = cycleFiles();
    for (Path cycle : cycles) {
      CycleFileScan.Result found;
      try {
        found = CycleFileScan.scan(cycle, record -> {});
      } catch (IOException e) {
        LOG.warn("journal: cannot check {}: {}", cycle.getFileName(), e.getMessage());
        continue;
      }
      if (found.damaged()) {
        repaired.add(repair(cycle, found, cycle != cycles.getLast()));
      }
    }
    return new JournalRepairReport(repaired, metadataMovedTo, metadataProblem);
  }

  private List<Path> cycleFiles() throws IOException {
    try (Stream<Path> files = Files.list(journal)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(SingleChronicleQueue.SUFFIX))
          .filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
          .sorted()
          .toList();
    }
  }

  /**
   * Moves {@code cycle} aside and writes its whole records into a new file of its name.
   *
   * @param closed whether a later cycle follows it, so the new file ends as a rolled cycle does
   */
  private RepairedCycle repair(Path cycle, CycleFileScan.Result found, boolean closed)
      throws IOException {
    String name = cycle.getFileName().toString();
    Path movedTo = moveAside(cycle);
    long kept;
    try {
      kept = copyWholeRecords(movedTo, name, closed);
    } catch (IOException | RuntimeException e) {
      // The damaged file stays where it was moved, whole; only the copy is given up.
      LOG.error(
          "journal: cannot copy the whole records of {} ({}); they stay only in {}",
          name,
          e.toString(),
          movedTo);
      Files.deleteIfExists(journal.resolve(name));
      deleteTree(damagedDir().resolve("copy-" + name));
      kept = 0;
    }
    RepairedCycle repaired =
        new RepairedCycle(
            name,
            movedTo,
            kept,
            found.damagedRecords(),
            found.damagedStretches(),
            found.firstProblem());
    LOG.warn(
        "journal: {} is damaged ({}); moved to {}; {} whole records kept in a new {}, {} damaged"
            + " records and {} damaged stretches skipped",
        name,
        found.firstProblem(),
        movedTo,
        kept,
        name,
        found.damagedRecords(),
        found.damagedStretches());
    return repaired;
  }

  /**
   * Appends every whole record of {@code damaged} to a queue of its own whose clock stands in the
   * damaged file's cycle, then moves the file that makes into the journal under {@code name}. A
   * cycle with a later one after it gets the end-of-cycle marker Chronicle writes when it rolls:
   * without it a reader waits at its end instead of going on to the next.
   */
  private long copyWholeRecords(Path damaged, String name, boolean closed) throws IOException {
    Path scratch = damagedDir().resolve("copy-" + name);
    deleteTree(scratch);
    long[] copied = {0};
    long startMillis = cycleStartMillis(name);
    SetTimeProvider clock = new SetTimeProvider(Instant.ofEpochMilli(startMillis));
    try (SingleChronicleQueue copy =
            ChronicleQueue.singleBuilder(scratch)
                .rollCycle(rollCycle)
                .blockSize(blockBytes)
                .timeProvider(clock)
                .build();
        ExcerptAppender appender = copy.createAppender()) {
      CycleFileScan.scan(
          damaged,
          record -> {
            try (DocumentContext dc = appender.writingDocument()) {
              dc.wire().bytes().write(record);
            }
            copied[0]++;
          });
      if (closed && copied[0] > 0) {
        // Rolling to the next cycle is what writes the marker; that cycle's file is thrown away.
        clock.currentTimeMillis(startMillis + rollCycle.lengthInMillis());
        try (DocumentContext dc = appender.writingDocument(true)) {
          dc.wire().bytes().writeByte(ChronicleFraming.FIELD_NAME);
        }
      }
    }
    Path written = scratch.resolve(name);
    if (Files.exists(written)) {
      Files.move(written, journal.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }
    deleteTree(scratch);
    return copied[0];
  }

  /** When the cycle a file of {@code name} holds begins, in epoch milliseconds. */
  private long cycleStartMillis(String name) {
    String stem = name.substring(0, name.length() - SingleChronicleQueue.SUFFIX.length());
    TemporalAccessor parsed = DateTimeFormatter.ofPattern(rollCycle.format()).parse(stem);
    long startMillis =
        LocalDate.from(parsed).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    if (parsed.isSupported(ChronoField.HOUR_OF_DAY)) {
      startMillis += parsed.getLong(ChronoField.HOUR_OF_DAY) * 3_600_000L;
    }
    if (parsed.isSupported(ChronoField.MINUTE_OF_HOUR)) {
      startMillis += parsed.getLong(ChronoField.MINUTE_OF_HOUR) * 60_000L;
    }
    return startMillis;
  }

  /** Moves {@code file} into {@code damaged/}, named with when; where it went. */
  private Path moveAside(Path file) throws IOException {
    Path dir = damagedDir();
    String stamp = MOVED_AT.format(Instant.now());
    for (int attempt = 0; ; attempt++) {
      Path target =
          dir.resolve(
              file.getFileName() + "." + stamp + (attempt == 0 ? "" : "-" + attempt) + ".damaged");
      if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
      }
    }
  }

  private Path damagedDir() throws IOException {
    Path dir = journal.resolve(DAMAGED_DIR);
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      if (journal.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.createDirectory(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectory(dir);
      }
    }
    return dir;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(dir);
  }
}

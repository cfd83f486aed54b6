package dev.ironcliw.benchmarks.jmh;

import dev.ironcliw.benchmarks.support.SkewedVocabulary;
import dev.ironcliw.benchmarks.support.TempFiles;
import dev.ironcliw.benchmarks.support.ThrowawayKeys;
import dev.ironcliw.daemon.search.TextDocument;
import dev.ironcliw.daemon.search.TextHit;
import dev.ironcliw.daemon.search.TextIndex;
import dev.ironcliw.daemon.search.TextKind;
import dev.ironcliw.daemon.search.TextQuery;
import dev.ironcliw.daemon.vault.HistoryKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Search latency of the screen-text index over a week of generated history: {@code documents} text
 * blocks (words drawn from a skewed 30,000-word vocabulary, 8 to 40 a block, spread over seven
 * days, most of kind ocr), searched for one word and for a phrase within the last day, and for a
 * word with a typo over the whole week (fuzzy). Sampled, so JMH reports percentiles: the goal is a
 * p99 of at most 20 ms. The documents stand in for what text recognition will add; the index is the
 * real one. With {@code encrypted}, its files are encrypted as the daemon's are by default.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TextSearchBenchmark extends BenchmarkDefaults {
  private static final long WEEK_NANOS = TimeUnit.DAYS.toNanos(7);
  private static final long START_NANOS = 1_793_000_000_000L * 1_000_000L;
  private static final String[] APPS = {
    "Firefox", "XTerm", "Gedit", "Evince", "Slack", "Code", "Thunderbird", "LibreOffice"
  };

  @Param({"20000", "200000"})
  public int documents;

  /** Whether the index's files are encrypted (AES-CTR under the history's index key). */
  @Param({"false", "true"})
  public boolean encrypted;

  private HistoryKeys keys;

  private Path dir;
  private TextIndex index;
  private SkewedVocabulary vocabulary;
  private String phrase;
  private long lastDayNanos;

  @Setup(Level.Trial)
  public void build() throws IOException {
    dir = Files.createTempDirectory("text-search");
    Random random = new Random(21);
    vocabulary = new SkewedVocabulary(random, 30_000);
    if (encrypted) {
      keys = ThrowawayKeys.under(dir);
    }
    index = TextIndex.open(dir.resolve("index"), 64L << 20, keys);
    List<String> last = List.of();
    for (int d = 0; d < documents; d++) {
      int count = 8 + random.nextInt(33);
      List<String> words = new ArrayList<>(count);
      for (int w = 0; w < count; w++) {
        words.add(vocabulary.draw());
      }
      long firstSeen = START_NANOS + (long) d * (WEEK_NANOS / documents);
      int kind = random.nextInt(20);
      index.put(
          new TextDocument(
              "doc:" + d,
              kind == 0 ? TextKind.TITLE : kind == 1 ? TextKind.INSIGHT : TextKind.OCR,
              String.join(" ", words),
              APPS[random.nextInt(APPS.length)],
              "window " + random.nextInt(200),
              random.nextInt(2),
              firstSeen,
              firstSeen + TimeUnit.SECONDS.toNanos(1 + random.nextInt(600)),
              d,
              d));
      last = words;
    }
    index.commit(documents);
    index.refresh();
    phrase = "\"" + last.get(3) + " " + last.get(4) + "\"";
    lastDayNanos = START_NANOS + WEEK_NANOS - TimeUnit.DAYS.toNanos(1);
  }

  @TearDown(Level.Trial)
  public void delete() throws IOException {
    index.close();
    if (keys != null) {
      keys.close();
    }
    TempFiles.deleteTree(dir);
  }

  private List<TextHit> search(String q, Long fromNanos) {
    return index.search(new TextQuery(q, fromNanos, null, null, null, Set.of(), null, 20, 0));
  }

  /** One word of middling frequency, in the last day. */
  @Benchmark
  public List<TextHit> oneWordLastDay() {
    return search(vocabulary.word(2_000), lastDayNanos);
  }

  /** Two words in order, in the last day. */
  @Benchmark
  public List<TextHit> phraseLastDay() {
    return search(phrase, lastDayNanos);
  }

  /** A word with its first letter wrong (as OCR misreads), over the whole week. */
  @Benchmark
  public List<TextHit> typoWholeWeek() {
    String word = vocabulary.word(1_500);
    return search((word.charAt(0) == 'x' ? 'y' : 'x') + word.substring(1), null);
  }
}

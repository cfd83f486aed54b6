package dev.ironcliw.daemon.search;

import static dev.ironcliw.daemon.search.IndexFields.*;

import dev.ironcliw.daemon.crypto.KeyRing;
import dev.ironcliw.daemon.journal.record.TextWord;
import dev.ironcliw.ring.Rect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The screen-text index: Lucene under the data dir, one document per block of text and the time it
 * was on screen ({@link TextDocument}), searched by BM25 with recency breaking ties. Writes go to
 * the writer's buffer; {@link #refresh} makes them searchable (near-real-time) and {@link #commit}
 * durable, with the journal index they reach, so a start after a crash indexes again from there.
 * Thread-safe: one indexing thread writes, API workers search.
 */
public final class TextIndex implements AutoCloseable {
  private final Analyzer analyzer = new TextAnalyzer();
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TextIndex.class);
  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private volatile long putJournalIndex;
  private volatile long committedJournalIndex;

  private TextIndex(Directory directory, IndexWriter writer) throws IOException {
    this.directory = directory;
    this.writer = writer;
    this.searchers = new SearcherManager(writer, null);
    this.committedJournalIndex = committedJournalIndex();
    this.putJournalIndex = committedJournalIndex;
  }

  /**
   * Opens (or creates) the index in {@code dir}.
   *
   * @param ramBufferBytes what the writer buffers before it flushes a segment
   */
  public static TextIndex open(Path dir, long ramBufferBytes) {
    return open(dir, ramBufferBytes, null);
  }

  /**
   * Opens (or creates) the index in {@code dir}, its files encrypted under {@code keys}' index key
   * ({@link EncryptedDirectory}) unless {@code keys} is null. An index written the other way (in
   * clear before encryption was on, or encrypted and now off) is deleted, and built again from the
   * journal.
   *
   * @param ramBufferBytes what the writer buffers before it flushes a segment
   */
  public static TextIndex open(Path dir, long ramBufferBytes, KeyRing keys) {
    try {
      FSDirectory files = FSDirectory.open(dir);
      deleteIfWrittenOtherwise(files, keys != null);
      Directory directory = keys == null ? files : new EncryptedDirectory(files, keys);
      // A forget rewrites every segment with a deleted document, however few it has.
      TieredMergePolicy merges = new TieredMergePolicy();
      merges.setForceMergeDeletesPctAllowed(0);
      IndexWriterConfig config =
          new IndexWriterConfig(new TextAnalyzer())
              .setRAMBufferSizeMB(Math.max(1, ramBufferBytes >> 20))
              .setMergePolicy(merges)
              .setCommitOnClose(false);
      return new TextIndex(directory, new IndexWriter(directory, config));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the text index in " + dir, e);
    }
  }

  /** Adds {@code d}, or replaces the document with its id. */
  public void put(TextDocument d) {
    Document doc = new Document();
    doc.add(new StringField(ID, d.id(), Field.Store.YES));
    doc.add(new StringField(KIND, d.kind().label(), Field.Store.YES));
    doc.add(new TextField(TEXT, d.text(), Field.Store.YES));
    doc.add(new StringField(APP, d.app().toLowerCase(Locale.ROOT), Field.Store.NO));
    doc.add(new StoredField(APP_STORED, d.app()));
    doc.add(new TextField(WINDOW, d.window(), Field.Store.YES));
    doc.add(new IntPoint(DISPLAY, d.display()));
    doc.add(new StoredField(DISPLAY, d.display()));
    doc.add(new LongPoint(FIRST_SEEN, d.firstSeenNanos()));
    doc.add(new StoredField(FIRST_SEEN, d.firstSeenNanos()));
    doc.add(new LongPoint(LAST_SEEN, d.lastSeenNanos()));
    doc.add(new NumericDocValuesField(LAST_SEEN, d.lastSeenNanos()));
    doc.add(new StoredField(LAST_SEEN, d.lastSeenNanos()));
    doc.add(new StoredField(SEQ, d.seq()));
    if (d.seqCapturedAtNanos() != TextDocument.UNKNOWN_TIME) {
      doc.add(new StoredField(SEQ_CAPTURED_AT, d.seqCapturedAtNanos()));
    }
    doc.add(new LongPoint(JOURNAL_INDEX, d.journalIndex()));
    doc.add(new StoredField(JOURNAL_INDEX, d.journalIndex()));
    if (!d.words().isEmpty()) {
      doc.add(new StoredField(WORDS, encode(d.words())));
    }
    try {
      writer.updateDocument(new Term(ID, d.id()), doc);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot index " + d.id(), e);
    }
    putJournalIndex = Math.max(putJournalIndex, d.journalIndex());
  }

  /** Deletes every document last seen before {@code nanos} (what retention deleted). */
  public void deleteLastSeenBefore(long nanos) {
    try {
      writer.deleteDocuments(LongPoint.newRangeQuery(LAST_SEEN, Long.MIN_VALUE, nanos - 1));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete from the text index", e);
    }
  }

  /**
   * Deletes every document on screen at some time in [{@code fromNanos}, {@code toNanos}] (of
   * {@code app} when not null), then rewrites the segments that held them and commits, so that no
   * file of the index holds their words any more (what the user had forgotten).
   *
   * @return the documents deleted
   */
  public synchronized long forget(long fromNanos, long toNanos, String app) {
    BooleanQuery.Builder query =
        new BooleanQuery.Builder()
            .add(LongPoint.newRangeQuery(FIRST_SEEN, Long.MIN_VALUE, toNanos), Occur.FILTER)
            .add(LongPoint.newRangeQuery(LAST_SEEN, fromNanos, Long.MAX_VALUE), Occur.FILTER);
    if (app != null) {
      query.add(new TermQuery(new Term(APP, app.toLowerCase(Locale.ROOT))), Occur.FILTER);
    }
    try {
      long before = writer.getDocStats().numDocs;
      writer.deleteDocuments(query.build());
      writer.forceMergeDeletes(true);
      commit(Math.max(putJournalIndex, committedJournalIndex));
      searchers.maybeRefreshBlocking();
      writer.deleteUnusedFiles();
      return before - writer.getDocStats().numDocs;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot forget documents of the text index", e);
    }
  }

  /** Makes what was put since the last refresh searchable. */
  public void refresh() {
    try {
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot refresh the text index's reader", e);
    }
  }

  /**
   * Makes everything put so far durable, noting that the journal up to {@code journalIndex} is
   * indexed.
   */
  public void commit(long journalIndex) {
    try {
      writer.setLiveCommitData(
          Map.of(COMMITTED_JOURNAL_INDEX, Long.toString(journalIndex)).entrySet());
      writer.commit();
      committedJournalIndex = journalIndex;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit the text index", e);
    }
  }

  private static void deleteIfWrittenOtherwise(FSDirectory files, boolean encrypted)
      throws IOException {
    String segments = null;
    for (String name : files.listAll()) {
      if (name.startsWith("segments_")) {
        segments = name;
      }
    }
    if (segments == null || EncryptedDirectory.isEncrypted(files, segments) == encrypted) {
      return;
    }
    LOG.warn(
        "text index: it was written {}; it is deleted and built again from the journal",
        encrypted ? "in clear, before encryption was on" : "encrypted, and encryption is off");
    for (String name : files.listAll()) {
      if (!name.equals(IndexWriter.WRITE_LOCK_NAME)) {
        files.deleteFile(name);
      }
    }
  }

  /** The journal index the last commit reached; -1 before any commit. */
  public long committedJournalIndex() {
    try {
      if (!DirectoryReader.indexExists(directory)) {
        return -1;
      }
      String value =
          DirectoryReader.listCommits(directory)
              .getLast()
              .getUserData()
              .getOrDefault(COMMITTED_JOURNAL_INDEX, "-1");
      return Long.parseLong(value);
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }

  /** Documents in the last refreshed view. */
  public int documents() {
    IndexSearcher searcher = acquire();
    try {
      return searcher.getIndexReader().numDocs();
    } finally {
      release(searcher);
    }
  }

  /**
   * The hits of {@code query} from its offset on, best first (BM25, then the most recent).
   *
   * @throws IllegalArgumentException naming what is wrong with its words
   */
  public List<TextHit> search(TextQuery query) {
    Query words = QueryText.parse(query.q(), TEXT, analyzer);
    Query all = withFilters(words, query);
    IndexSearcher searcher = acquire();
    try {
      Sort sort =
          new Sort(SortField.FIELD_SCORE, new SortField(LAST_SEEN, SortField.Type.LONG, true));
      TopDocs top = searcher.search(all, query.offset() + query.limit(), sort, true);
      ScoreDoc[] page =
          java.util.Arrays.copyOfRange(
              top.scoreDocs, Math.min(query.offset(), top.scoreDocs.length), top.scoreDocs.length);
      QueryTerms terms = QueryTerms.of(words, TEXT);
      StoredFields stored = searcher.storedFields();
      List<TextHit> hits = new ArrayList<>(page.length);
      for (ScoreDoc hit : page) {
        TextDocument document = document(stored.document(hit.doc));
        TextMatches matches = TextMatches.find(document.text(), terms, analyzer, TEXT);
        hits.add(
            new TextHit(document, matches.snippet(), hit.score, matches.boxes(document.words())));
      }
      return hits;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot search the text index", e);
    } finally {
      release(searcher);
    }
  }

  private Query withFilters(Query words, TextQuery query) {
    BooleanQuery.Builder all = new BooleanQuery.Builder().add(words, Occur.MUST);
    if (query.fromNanos() != null) {
      all.add(LongPoint.newRangeQuery(LAST_SEEN, query.fromNanos(), Long.MAX_VALUE), Occur.FILTER);
    }
    if (query.toNanos() != null) {
      all.add(LongPoint.newRangeQuery(FIRST_SEEN, Long.MIN_VALUE, query.toNanos()), Occur.FILTER);
    }
    if (query.app() != null) {
      all.add(new TermQuery(new Term(APP, query.app().toLowerCase(Locale.ROOT))), Occur.FILTER);
    }
    if (query.window() != null) {
      for (String term : QueryText.terms(query.window(), WINDOW, analyzer)) {
        all.add(new TermQuery(new Term(WINDOW, term)), Occur.FILTER);
      }
    }
    if (!query.kinds().isEmpty()) {
      BooleanQuery.Builder kinds = new BooleanQuery.Builder();
      for (TextKind kind : query.kinds()) {
        kinds.add(new TermQuery(new Term(KIND, kind.label())), Occur.SHOULD);
      }
      all.add(kinds.build(), Occur.FILTER);
    }
    if (query.display() != null) {
      all.add(IntPoint.newExactQuery(DISPLAY, query.display()), Occur.FILTER);
    }
    return all.build();
  }

  private static String encode(List<TextWord> words) {
    StringBuilder out = new StringBuilder();
    for (TextWord w : words) {
      Rect b = w.box();
      out.append(b.x()).append(' ').append(b.y()).append(' ').append(b.width()).append(' ');
      out.append(b.height()).append(' ').append(w.confidence()).append(' ').append(w.text());
      out.append('\n');
    }
    return out.toString();
  }

  /** The words as {@link #encode} wrote them, read without splitting into strings per field. */
  private static List<TextWord> decode(String encoded) {
    if (encoded == null) {
      return List.of();
    }
    List<TextWord> words = new ArrayList<>();
    int line = 0;
    while (line < encoded.length()) {
      int end = encoded.indexOf('\n', line);
      end = end < 0 ? encoded.length() : end;
      int[] numbers = new int[5];
      int at = line;
      int n = 0;
      for (; n < numbers.length && at < end; n++) {
        int space = encoded.indexOf(' ', at);
        if (space < 0 || space >= end) {
          break;
        }
        numbers[n] = Integer.parseInt(encoded, at, space, 10);
        at = space + 1;
      }
      if (n == numbers.length) {
        words.add(
            new TextWord(
                encoded.substring(at, end),
                new Rect(numbers[0], numbers[1], numbers[2], numbers[3]),
                numbers[4]));
      }
      line = end + 1;
    }
    return words;
  }

  private static TextDocument document(Document doc) {
    return new TextDocument(
        doc.get(ID),
        TextKind.of(doc.get(KIND)),
        doc.get(TEXT),
        doc.get(APP_STORED),
        doc.get(WINDOW),
        doc.getField(DISPLAY).numericValue().intValue(),
        doc.getField(FIRST_SEEN).numericValue().longValue(),
        doc.getField(LAST_SEEN).numericValue().longValue(),
        doc.getField(SEQ).numericValue().longValue(),
        doc.getField(SEQ_CAPTURED_AT) == null
            ? TextDocument.UNKNOWN_TIME
            : doc.getField(SEQ_CAPTURED_AT).numericValue().longValue(),
        doc.getField(JOURNAL_INDEX).numericValue().longValue(),
        decode(doc.get(WORDS)));
  }

  private IndexSearcher acquire() {
    try {
      return searchers.acquire();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the text index", e);
    }
  }

  private void release(IndexSearcher searcher) {
    try {
      searchers.release(searcher);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release a reader of the text index", e);
    }
  }

  /** Commits what was put (with the journal index it reached), then closes. */
  @Override
  public void close() {
    try {
      commit(Math.max(putJournalIndex, committedJournalIndex));
      searchers.close();
      writer.close();
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the text index", e);
    }
  }
}

package dev.ironcliw.daemon.search;

/**
 * The fields of a text document in the Lucene index, named once:
 *
 * <pre>
 *   id           keyword, stored          the document's id (updates replace by it)
 *   kind         keyword, stored          ocr | title | insight | accessibility
 *   text         analysed, stored         the words (what q searches, with snippets)
 *   app          keyword (lower-case) for the filter; appStored: as seen, stored
 *   window       analysed, stored         the window's title (window= searches it)
 *   display      int point, stored
 *   firstSeen    long point, stored       epoch nanoseconds
 *   lastSeen     long point, doc values, stored   (the recency tie-break sorts on it)
 *   seq          stored long
 *   seqCapturedAt stored long, absent when not known   when frame seq was captured
 *   journalIndex long point, stored
 *   words        stored                   text read from the screen: a line per word,
 *                                         "x y width height confidence word"
 * </pre>
 */
final class IndexFields {
  static final String ID = "id";
  static final String KIND = "kind";
  static final String TEXT = "text";
  static final String APP = "app";
  static final String APP_STORED = "appStored";
  static final String WINDOW = "window";
  static final String DISPLAY = "display";
  static final String FIRST_SEEN = "firstSeen";
  static final String LAST_SEEN = "lastSeen";
  static final String SEQ = "seq";
  static final String SEQ_CAPTURED_AT = "seqCapturedAt";
  static final String JOURNAL_INDEX = "journalIndex";
  static final String WORDS = "words";

  /** Commit user data: the journal index everything up to which is in this commit. */
  static final String COMMITTED_JOURNAL_INDEX = "ironcliw.journalIndex";

  private IndexFields() {}
}

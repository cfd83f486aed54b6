package dev.ironcliw.daemon.search;

import java.io.Reader;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * How screen text is split into terms: Unicode word boundaries (StandardTokenizer) with the
 * characters that join parts of names read as spaces, full- and half-width forms folded, lower
 * case, and Chinese, Japanese and Korean runs as overlapping bigrams, so CJK text without spaces is
 * findable by any two characters of it. No stemming and no stop words: screen text is names,
 * numbers and code as often as prose.
 */
final class TextAnalyzer extends Analyzer {
  /**
   * Characters that join words in file names, paths, identifiers and addresses ({@code scan.pdf},
   * {@code src/main}, {@code snake_case}, {@code user@host}): read as spaces, so each part is a
   * word. A query is analysed the same way, so {@code "scan.pdf"} is still a phrase. A comma is one
   * too: text recognition reads the one-pixel dot of a small font as a comma as often as not, and
   * {@code 10,0,0,7} then still finds {@code 10.0.0.7}.
   */
  private static final NormalizeCharMap JOINERS = joiners("._/\\:@=,");

  private static NormalizeCharMap joiners(String characters) {
    NormalizeCharMap.Builder map = new NormalizeCharMap.Builder();
    for (char c : characters.toCharArray()) {
      map.add(String.valueOf(c), " ");
    }
    return map.build();
  }

  @Override
  protected Reader initReader(String fieldName, Reader reader) {
    return new MappingCharFilter(JOINERS, reader);
  }

  @Override
  protected Reader initReaderForNormalization(String fieldName, Reader reader) {
    return new MappingCharFilter(JOINERS, reader);
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    StandardTokenizer source = new StandardTokenizer();
    source.setMaxTokenLength(255);
    TokenStream terms = new CJKWidthFilter(source);
    terms = new LowerCaseFilter(terms);
    terms = new CJKBigramFilter(terms);
    return new TokenStreamComponents(source, terms);
  }

  @Override
  protected TokenStream normalize(String fieldName, TokenStream in) {
    return new LowerCaseFilter(new CJKWidthFilter(in));
  }
}

package dev.ironcliw.daemon.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.spans.SpanMultiTermQueryWrapper;
import org.apache.lucene.queries.spans.SpanNearQuery;
import org.apache.lucene.queries.spans.SpanQuery;
import org.apache.lucene.queries.spans.SpanTermQuery;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * A user's search words as a Lucene query over a field. The syntax is small on purpose, so that
 * what people type at a screen (colons, slashes, brackets) is only words:
 *
 * <ul>
 *   <li>words: all must match; each also matches one letter off (one edit, for words of four
 *       letters or more), so {@code invoice} finds the {@code lnvoice} OCR read, an exact match
 *       ranking first;
 *   <li>{@code "a phrase"}: those words in that order, each of four letters or more also one letter
 *       off (so one misread letter does not lose the phrase), the exact phrase ranking first;
 *   <li>{@code prefix*}: words that start so (two letters at least);
 *   <li>{@code word~}: up to two letters off.
 * </ul>
 *
 * A word of several terms once analysed (a CJK run, {@code foo-bar}) is a phrase of them.
 */
final class QueryText {
  private static final int FUZZY_MIN_LENGTH = 4;

  private QueryText() {}

  /**
   * @throws IllegalArgumentException naming {@code q} and what is wrong with it
   */
  static Query parse(String q, String field, Analyzer analyzer) {
    TextQuery.checkWords(q);
    BooleanQuery.Builder all = new BooleanQuery.Builder();
    int clauses = 0;
    int at = 0;
    while (at < q.length()) {
      char c = q.charAt(at);
      if (Character.isWhitespace(c)) {
        at++;
        continue;
      }
      Query part;
      if (c == '"') {
        int end = q.indexOf('"', at + 1);
        if (end < 0) {
          throw new IllegalArgumentException(
              "q: the quote at character " + (at + 1) + " is not closed (expected \"a phrase\")");
        }
        part = forgivingPhrase(terms(q.substring(at + 1, end), field, analyzer), field);
        at = end + 1;
      } else {
        int end = at;
        while (end < q.length() && !Character.isWhitespace(q.charAt(end)) && q.charAt(end) != '"') {
          end++;
        }
        part = word(q.substring(at, end), field, analyzer);
        at = end;
      }
      if (part != null) {
        all.add(part, Occur.MUST);
        clauses++;
      }
    }
    if (clauses == 0) {
      throw new IllegalArgumentException(
          "q: \"" + shown(q) + "\" has no letters or digits to search for");
    }
    return all.build();
  }

  private static Query word(String word, String field, Analyzer analyzer) {
    if (word.endsWith("*")) {
      String stem = word.replaceAll("\\*+$", "");
      List<String> terms = terms(stem, field, analyzer);
      if (terms.isEmpty()) {
        return null; // only wildcards: nothing to search for
      }
      if (terms.size() > 1) {
        return phrase(terms, field); // a prefix of several terms: those terms in order
      }
      String prefix = terms.getFirst();
      if (prefix.codePointCount(0, prefix.length()) < 2) {
        throw new IllegalArgumentException(
            "q: \"" + shown(word) + "\" is too short a prefix (expected two letters or more)");
      }
      return new PrefixQuery(new Term(field, prefix));
    }
    boolean loose = word.endsWith("~");
    List<String> terms = terms(loose ? word.replaceAll("~+$", "") : word, field, analyzer);
    if (terms.isEmpty()) {
      return null;
    }
    if (terms.size() > 1) {
      return phrase(terms, field);
    }
    String term = terms.getFirst();
    if (loose) {
      return new FuzzyQuery(new Term(field, term), 2, 0);
    }
    return oneTerm(term, field);
  }

  /** The exact phrase, or the same words in order each one letter off, the exact one first. */
  private static Query forgivingPhrase(List<String> terms, String field) {
    if (terms.size() < 2) {
      return terms.isEmpty() ? null : oneTerm(terms.getFirst(), field);
    }
    SpanQuery[] words = new SpanQuery[terms.size()];
    for (int i = 0; i < words.length; i++) {
      Term term = new Term(field, terms.get(i));
      words[i] =
          terms.get(i).codePointCount(0, terms.get(i).length()) < FUZZY_MIN_LENGTH
              ? new SpanTermQuery(term)
              : new SpanMultiTermQueryWrapper<>(new FuzzyQuery(term, 1, 0));
    }
    return new BooleanQuery.Builder()
        .add(new BoostQuery(phrase(terms, field), 2), Occur.SHOULD)
        .add(new SpanNearQuery(words, 0, true), Occur.SHOULD)
        .build();
  }

  /** One term: exactly, ranking first, or one letter off when it is long enough. */
  private static Query oneTerm(String term, String field) {
    if (term.codePointCount(0, term.length()) < FUZZY_MIN_LENGTH) {
      return new TermQuery(new Term(field, term));
    }
    return new BooleanQuery.Builder()
        .add(new BoostQuery(new TermQuery(new Term(field, term)), 2), Occur.SHOULD)
        .add(new FuzzyQuery(new Term(field, term), 1, 0), Occur.SHOULD)
        .build();
  }

  private static Query phrase(List<String> terms, String field) {
    if (terms.isEmpty()) {
      return null;
    }
    if (terms.size() == 1) {
      return new TermQuery(new Term(field, terms.getFirst()));
    }
    PhraseQuery.Builder phrase = new PhraseQuery.Builder();
    for (String term : terms) {
      phrase.add(new Term(field, term));
    }
    return phrase.build();
  }

  /** The terms the analyser makes of {@code text}. */
  static List<String> terms(String text, String field, Analyzer analyzer) {
    List<String> terms = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        terms.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return terms;
  }

  private static String shown(String q) {
    return q.length() <= 40 ? q : q.substring(0, 40) + "...";
  }
}

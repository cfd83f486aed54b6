package dev.ironcliw.daemon.text;

import dev.ironcliw.daemon.journal.record.TextLine;
import dev.ironcliw.daemon.journal.record.TextWord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Pattern;

/**
 * Finds secrets in text read off the screen and replaces their words with {@link #REDACTED} before
 * the text is journaled, so no store, index, answer or provider request ever holds them: card
 * numbers (a card network's prefix, 13 to 19 digits, possibly in groups, and the Luhn check), API
 * keys and tokens by their known prefixes, private-key blocks, and a password shown next to its
 * label. A word keeps its box, so where it was stays known. Counts what it replaced, by kind, never
 * what it was. Thread-safe.
 */
public final class SecretRedactor {
  /** What a redacted word reads. */
  public static final String REDACTED = "[redacted]";

  private static final dev.ironcliw.ring.Rect NO_BOX = new dev.ironcliw.ring.Rect(0, 0, 1, 1);

  /** The kinds of secret, for the counts. */
  public enum Kind {
    CARD_NUMBER,
    API_KEY,
    PRIVATE_KEY,
    PASSWORD
  }

  /**
   * Tokens whose prefix names the service that issued them, at the start of a word or after a
   * non-alphanumeric (an {@code =}, a quote). Past a prefix any visible character counts: character
   * recognition reads a random token's letters with errors ({@code 7} as {@code ?}, {@code l} as
   * {@code |}), and a token cut by one must still be found. A prefix that says plainly what follows
   * ({@code sk-ant-}, {@code ghp_}) needs fewer characters after it than a bare {@code sk-}.
   */
  private static final Pattern API_KEY =
      Pattern.compile(
          "(?<![A-Za-z0-9])(?:"
              + "sk-(?:ant|proj|svcacct|admin)-\\S{8,}"
              + "|sk-\\S{16,}"
              + "|[sr]k_(?:live|test)_\\S{8,}"
              + "|gh[pousr]_\\S{8,}"
              + "|github_pat_\\S{8,}"
              + "|(?:AKIA|ASIA)[0-9A-Z]{16}"
              + "|xox[abprs]-\\S{8,}"
              + "|AIza\\S{30,}"
              + "|glpat-\\S{8,}"
              + "|eyJ\\S{10,}\\.eyJ\\S{10,}\\.\\S{10,})");

  /** A word that may be the rest of a token cut in two: letters and digits, both. */
  private static final Pattern KEY_REST =
      Pattern.compile("(?=\\S*[A-Za-z])(?=\\S*[0-9])[A-Za-z0-9_?|!-]{4,}");

  private static final Pattern KEY_BEGIN = Pattern.compile("BEGIN [A-Z ]*PRIVATE KEY");
  private static final Pattern KEY_END = Pattern.compile("END [A-Z ]*PRIVATE KEY");

  /** A label after which the next word is a password; its value may follow in the same word. */
  private static final Pattern PASSWORD_LABEL =
      Pattern.compile("(?i)(?:password|passwd|pwd|passphrase|passcode)[:=]?");

  private static final Pattern PASSWORD_IN_WORD =
      Pattern.compile("(?i)(?:password|passwd|pwd|passphrase|passcode)[:=]\\S+");

  /** Brackets and punctuation around a group of digits. */
  private static final Pattern AROUND_DIGITS = Pattern.compile("^[(\\[]+|[).,;:\\]]+$");

  private static final Pattern DIGIT_GROUP = Pattern.compile("[0-9]+(?:-[0-9]+)*");
  private static final Pattern ASSIGNMENT = Pattern.compile("[:=]");

  private final AtomicLongArray counts = new AtomicLongArray(Kind.values().length);

  /** The secrets {@code kind} it replaced since it was made. */
  public long count(Kind kind) {
    return counts.get(kind.ordinal());
  }

  /** {@code lines} with every secret's words replaced; the same list when there is none. */
  public List<TextLine> redact(List<TextLine> lines) {
    List<List<TextWord>> words = new ArrayList<>(lines.size());
    boolean changed = false;
    boolean inKey = false;
    for (TextLine line : lines) {
      List<TextWord> out = new ArrayList<>(line.words());
      String text = line.text();
      if (inKey || KEY_BEGIN.matcher(text).find()) {
        if (!inKey) {
          counts.incrementAndGet(Kind.PRIVATE_KEY.ordinal());
        }
        inKey = !KEY_END.matcher(text).find();
        out.replaceAll(SecretRedactor::redacted);
        changed = true;
      } else {
        changed |= redactCards(out) | redactKeys(out) | redactPasswords(out);
      }
      words.add(out);
    }
    if (!changed) {
      return lines;
    }
    List<TextLine> redacted = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      redacted.add(new TextLine(lines.get(i).block(), words.get(i)));
    }
    return redacted;
  }

  /**
   * {@code title} (a window's) with every secret's words replaced, by the rules of {@link #redact}:
   * a key in a terminal's title, a card number in a browser tab's. Words are split at white space
   * and, when one is replaced, joined again with single spaces.
   */
  public String redactTitle(String title) {
    String[] parts = title.strip().split("\\s+");
    if (title.isBlank()) {
      return title;
    }
    List<TextWord> words = new ArrayList<>(parts.length);
    for (String part : parts) {
      words.add(new TextWord(part, NO_BOX, 100));
    }
    List<TextLine> line = List.of(new TextLine(0, words));
    List<TextLine> redacted = redact(line);
    return redacted == line ? title : redacted.getFirst().text();
  }

  private static TextWord redacted(TextWord word) {
    return new TextWord(REDACTED, word.box(), word.confidence());
  }

  /** Runs of digit groups that make a card number; the longest from each start. */
  private boolean redactCards(List<TextWord> words) {
    boolean found = false;
    for (int start = 0; start < words.size(); start++) {
      StringBuilder digits = new StringBuilder();
      int end = -1;
      for (int i = start; i < words.size(); i++) {
        String group = digitGroup(words.get(i).text());
        if (group == null || digits.length() + group.length() > 19) {
          break;
        }
        digits.append(group);
        if (isCardNumber(digits)) {
          end = i;
        }
      }
      if (end >= 0) {
        for (int i = start; i <= end; i++) {
          words.set(i, redacted(words.get(i)));
        }
        counts.incrementAndGet(Kind.CARD_NUMBER.ordinal());
        found = true;
        start = end;
      }
    }
    return found;
  }

  /** The digits of a word made of digits and dashes (punctuation around it aside), else null. */
  private static String digitGroup(String word) {
    String trimmed = AROUND_DIGITS.matcher(word).replaceAll("");
    if (!DIGIT_GROUP.matcher(trimmed).matches()) {
      return null;
    }
    return trimmed.replace("-", "");
  }

  /** A card network's prefix and length, and the Luhn check. */
  static boolean isCardNumber(CharSequence digits) {
    int length = digits.length();
    if (length < 13 || length > 19 || !hasCardPrefix(digits.toString(), length)) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < length; i++) {
      int d = digits.charAt(length - 1 - i) - '0';
      if (i % 2 == 1) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
    }
    return sum % 10 == 0;
  }

  private static boolean hasCardPrefix(String d, int length) {
    int two = Integer.parseInt(d.substring(0, 2));
    int four = Integer.parseInt(d.substring(0, 4));
    int three = four / 10;
    return (d.charAt(0) == '4' && (length == 13 || length == 16 || length == 19)) // Visa
        || (((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) && length == 16) // MC
        || ((two == 34 || two == 37) && length == 15) // American Express
        || ((four == 6011 || two == 65 || (three >= 644 && three <= 649)) && length >= 16)
        || (four >= 3528 && four <= 3589 && length >= 16) // JCB
        || (((three >= 300 && three <= 305) || two == 36 || two == 38) && length >= 14) // Diners
        || (two == 62 && length >= 16); // UnionPay
  }

  private boolean redactKeys(List<TextWord> words) {
    boolean found = false;
    for (int i = 0; i < words.size(); i++) {
      if (API_KEY.matcher(words.get(i).text()).find()) {
        words.set(i, redacted(words.get(i)));
        counts.incrementAndGet(Kind.API_KEY.ordinal());
        found = true;
        // The rest of a token that recognition cut in two.
        while (i + 1 < words.size() && KEY_REST.matcher(words.get(i + 1).text()).matches()) {
          i++;
          words.set(i, redacted(words.get(i)));
        }
      }
    }
    return found;
  }

  /** The word after a password label, or the value in a label's own word. */
  private boolean redactPasswords(List<TextWord> words) {
    boolean found = false;
    for (int i = 0; i < words.size(); i++) {
      String text = words.get(i).text();
      if (text.equals(REDACTED)) {
        continue;
      }
      if (PASSWORD_IN_WORD.matcher(text).matches()) {
        words.set(i, redacted(words.get(i)));
      } else if (PASSWORD_LABEL.matcher(text).matches() && i + 1 < words.size()) {
        int value = ASSIGNMENT.matcher(words.get(i + 1).text()).matches() ? i + 2 : i + 1;
        if (value >= words.size() || words.get(value).text().equals(REDACTED)) {
          continue;
        }
        words.set(value, redacted(words.get(value)));
        i = value;
      } else {
        continue;
      }
      counts.incrementAndGet(Kind.PASSWORD.ordinal());
      found = true;
    }
    return found;
  }

  /** The counts as status shows them: camelCase kinds. */
  public static String statusName(Kind kind) {
    String[] parts = kind.name().toLowerCase(Locale.ROOT).split("_");
    StringBuilder name = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      name.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
    }
    return name.append('s').toString();
  }
}

package dev.ironcliw.benchmarks.support;

import java.util.Random;

/**
 * Made-up words (3 to 10 random letters) drawn with a skew, as words of real text are: the word of
 * rank {@code r} of {@code n} is drawn with a probability that falls with {@code r}, so a few are
 * common and most are rare.
 */
public final class SkewedVocabulary {
  private final Random random;
  private final String[] words;

  /** {@code size} words, made and later drawn with {@code random}. */
  public SkewedVocabulary(Random random, int size) {
    this.random = random;
    this.words = new String[size];
    for (int i = 0; i < size; i++) {
      StringBuilder word = new StringBuilder();
      int letters = 3 + random.nextInt(8);
      for (int l = 0; l < letters; l++) {
        word.append((char) ('a' + random.nextInt(26)));
      }
      words[i] = word.toString();
    }
  }

  /** The word of rank {@code rank}, 0 the most common. */
  public String word(int rank) {
    return words[rank];
  }

  /** A word drawn at random: rank {@code n u^3} for a uniform {@code u}. */
  public String draw() {
    double u = random.nextDouble();
    return words[(int) (words.length * u * u * u)];
  }
}

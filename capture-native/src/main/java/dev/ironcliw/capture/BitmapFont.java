package dev.ironcliw.capture;

import java.util.HashMap;
import java.util.Map;

/** A 5x7 pixel font for the synthetic desktop: digits, capitals and a little punctuation. */
final class BitmapFont {
  static final int GLYPH_WIDTH = 5;
  static final int GLYPH_HEIGHT = 7;

  private static final Map<Character, int[]> GLYPHS = new HashMap<>();

  static {
    define('0', "01110 10001 10011 10101 11001 10001 01110");
    define('1', "00100 01100 00100 00100 00100 00100 01110");
    define('2', "01110 10001 00001 00010 00100 01000 11111");
    define('3', "11110 00001 00001 01110 00001 00001 11110");
    define('4', "00010 00110 01010 10010 11111 00010 00010");
    define('5', "11111 10000 11110 00001 00001 10001 01110");
    define('6', "00110 01000 10000 11110 10001 10001 01110");
    define('7', "11111 00001 00010 00100 01000 01000 01000");
    define('8', "01110 10001 10001 01110 10001 10001 01110");
    define('9', "01110 10001 10001 01111 00001 00010 01100");
    define('A', "01110 10001 10001 11111 10001 10001 10001");
    define('B', "11110 10001 10001 11110 10001 10001 11110");
    define('C', "01110 10001 10000 10000 10000 10001 01110");
    define('D', "11100 10010 10001 10001 10001 10010 11100");
    define('E', "11111 10000 10000 11110 10000 10000 11111");
    define('F', "11111 10000 10000 11110 10000 10000 10000");
    define('G', "01110 10001 10000 10111 10001 10001 01111");
    define('H', "10001 10001 10001 11111 10001 10001 10001");
    define('I', "01110 00100 00100 00100 00100 00100 01110");
    define('J', "00111 00010 00010 00010 00010 10010 01100");
    define('K', "10001 10010 10100 11000 10100 10010 10001");
    define('L', "10000 10000 10000 10000 10000 10000 11111");
    define('M', "10001 11011 10101 10101 10001 10001 10001");
    define('N', "10001 10001 11001 10101 10011 10001 10001");
    define('O', "01110 10001 10001 10001 10001 10001 01110");
    define('P', "11110 10001 10001 11110 10000 10000 10000");
    define('Q', "01110 10001 10001 10001 10101 10010 01101");
    define('R', "11110 10001 10001 11110 10100 10010 10001");
    define('S', "01111 10000 10000 01110 00001 00001 11110");
    define('T', "11111 00100 00100 00100 00100 00100 00100");
    define('U', "10001 10001 10001 10001 10001 10001 01110");
    define('V', "10001 10001 10001 10001 10001 01010 00100");
    define('W', "10001 10001 10001 10101 10101 10101 01010");
    define('X', "10001 10001 01010 00100 01010 10001 10001");
    define('Y', "10001 10001 01010 00100 00100 00100 00100");
    define('Z', "11111 00001 00010 00100 01000 10000 11111");
    define(':', "00000 01100 01100 00000 01100 01100 00000");
    define('.', "00000 00000 00000 00000 00000 01100 01100");
    define(',', "00000 00000 00000 00000 01100 00100 01000");
    define('-', "00000 00000 00000 11111 00000 00000 00000");
    define('?', "01110 10001 00001 00010 00100 00000 00100");
    define(' ', "00000 00000 00000 00000 00000 00000 00000");
  }

  private BitmapFont() {}

  private static void define(char c, String rows) {
    String[] parts = rows.split(" ");
    int[] bits = new int[GLYPH_HEIGHT];
    for (int row = 0; row < GLYPH_HEIGHT; row++) {
      bits[row] = Integer.parseInt(parts[row], 2);
    }
    GLYPHS.put(c, bits);
  }

  /** Row bitmaps of {@code c}, most significant of the 5 bits leftmost; unknown chars as '?'. */
  static int[] glyph(char c) {
    int[] bits = GLYPHS.get(Character.toUpperCase(c));
    return bits != null ? bits : GLYPHS.get('?');
  }
}

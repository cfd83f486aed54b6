package dev.ironcliw.capture;

import dev.ironcliw.ring.Rect;

/**
 * A line of text as a window's accessibility interface gives it.
 *
 * @param element which element of the window it came from, from 0 (a label, a text area): the lines
 *     of one element are one block
 * @param box where the line is, in the pixels of the display's frames
 * @param text the line, not blank
 */
public record AccessibleLine(int element, Rect box, String text) {
  public AccessibleLine {
    if (text.isBlank()) {
      throw new IllegalArgumentException("a blank line");
    }
  }
}

package dev.ironcliw.daemon.journal.record;

import dev.ironcliw.ring.Rect;

/**
 * One recognized word.
 *
 * @param text the word as read
 * @param box where it is, in the pixels of the frame it was read from
 * @param confidence the engine's confidence, 0 to 100
 */
public record TextWord(String text, Rect box, int confidence) {}

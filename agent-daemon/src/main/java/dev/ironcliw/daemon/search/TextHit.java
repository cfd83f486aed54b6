package dev.ironcliw.daemon.search;

import dev.ironcliw.ring.Rect;
import java.util.List;

/**
 * One document a search found.
 *
 * @param document the document
 * @param snippet its text around the matches, each match marked with {@code <mark>}
 * @param score how well it matched (BM25)
 * @param boxes the boxes of the words that matched, in the pixels of the document's frame; empty
 *     for a document without word boxes
 */
public record TextHit(TextDocument document, String snippet, float score, List<Rect> boxes) {}

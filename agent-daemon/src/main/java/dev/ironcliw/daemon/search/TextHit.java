package dev.ironcliw.daemon.search;

/**
 * One document a search found.
 *
 * @param document the document
 * @param snippet its text around the matches, each match marked with {@code <mark>}
 * @param score how well it matched (BM25)
 */
public record TextHit(TextDocument document, String snippet, float score) {}

package dev.ironcliw.config;

/**
 * The {@code vision.image.*} keys: how changed regions become images.
 *
 * @param maxLongEdge longest edge of a crop in pixels
 * @param maxBytes largest encoded image
 * @param padding pixels added around each changed region
 * @param maxCropsPerFrame crops per frame before they collapse into their bounding box
 * @param contextShare changed share of the frame above which a context image is added
 * @param contextLongEdge longest edge of the context image in pixels
 */
public record VisionImageSettings(
    int maxLongEdge,
    long maxBytes,
    int padding,
    int maxCropsPerFrame,
    double contextShare,
    int contextLongEdge) {}

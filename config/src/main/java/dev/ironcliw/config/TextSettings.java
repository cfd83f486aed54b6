package dev.ironcliw.config;

import java.time.Duration;

/**
 * The {@code text.*} keys: reading the text on screen.
 *
 * @param engine {@code auto}, {@code tesseract} or {@code none}
 * @param languages Tesseract's language names joined by {@code +}
 * @param settle how long an area must stay unchanged before it is read
 * @param maxCpuShare the share of one core recognition may use
 */
public record TextSettings(String engine, String languages, Duration settle, double maxCpuShare) {}

package dev.ironcliw.governor.pressure;

/**
 * What one source says now.
 *
 * @param source the source's name, e.g. {@code linux}
 * @param level its level
 * @param detail the numbers behind it, for status and the journal
 */
public record PressureReading(String source, PressureLevel level, String detail) {}

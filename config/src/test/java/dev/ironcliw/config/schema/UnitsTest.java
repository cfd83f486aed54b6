package dev.ironcliw.config.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UnitsTest {
  private static final long EIGHT_GIB = 8L << 30;

  @Test
  void shouldParseBinaryAndPercentSizes() {
    assertEquals(512L << 20, Units.parseSizeBytes("512MiB", EIGHT_GIB));
    assertEquals(2L << 30, Units.parseSizeBytes("2GiB", EIGHT_GIB));
    assertEquals(2L << 30, Units.parseSizeBytes("25%", EIGHT_GIB));
    assertEquals(1536L << 20, Units.parseSizeBytes("1.5 GiB", EIGHT_GIB));
    assertEquals(4096L, Units.parseSizeBytes("4096", EIGHT_GIB));
  }

  @Test
  void shouldRejectUnknownSizeUnitAndBadPercent() {
    assertThrows(IllegalArgumentException.class, () -> Units.parseSizeBytes("12XB", EIGHT_GIB));
    assertThrows(IllegalArgumentException.class, () -> Units.parseSizeBytes("150%", EIGHT_GIB));
    assertThrows(IllegalArgumentException.class, () -> Units.parseSizeBytes("-1MiB", EIGHT_GIB));
  }

  @Test
  void shouldParseDurations() {
    assertEquals(Duration.ofMillis(250), Units.parseDuration("250ms"));
    assertEquals(Duration.ofSeconds(10), Units.parseDuration("10s"));
    assertEquals(Duration.ofMinutes(5), Units.parseDuration("5m"));
    assertEquals(Duration.ofDays(7), Units.parseDuration("7d"));
    assertThrows(IllegalArgumentException.class, () -> Units.parseDuration("10"));
    assertThrows(IllegalArgumentException.class, () -> Units.parseDuration("3 fortnights"));
  }

  @Test
  void shouldParseRatesPerSecond() {
    assertEquals(10.0, Units.parseRatePerSecond("10"));
    assertEquals(10.0, Units.parseRatePerSecond("10/s"));
    assertEquals(0.5, Units.parseRatePerSecond("30/min"));
    assertThrows(IllegalArgumentException.class, () -> Units.parseRatePerSecond("fast"));
  }
}

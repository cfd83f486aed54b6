package dev.ironcliw.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RecentFingerprintsTest {
  @Test
  void shouldDropTheOldestWhenTheLimitIsLowered() {
    RecentFingerprints recent = new RecentFingerprints(Long.MAX_VALUE, 5000);
    for (long fp = 0; fp < 3000; fp++) {
      recent.add(fp, fp);
    }

    recent.setMaxEntries(1000);

    assertEquals(1000, recent.size());
    assertFalse(recent.contains(1999, 3000), "older than the newest 1000");
    assertTrue(recent.contains(2000, 3000));
    assertTrue(recent.contains(2999, 3000));
    recent.add(3000, 3000);
    assertEquals(1000, recent.size());
    assertFalse(recent.contains(2000, 3000));
  }
}

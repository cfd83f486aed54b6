package dev.ironcliw.governor.pressure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmallTextFileTest {
  @TempDir Path dir;

  @Test
  void shouldFindTheNumbersOfMeminfoAndPressureLinesAndSeeAFileChange() throws Exception {
    Path meminfo = dir.resolve("meminfo");
    Files.writeString(
        meminfo, "MemTotal:       16314616 kB\nMemFree: 1 kB\nMemAvailable:    9 kB\n");
    SmallTextFile file = new SmallTextFile(meminfo, 4096);
    file.read();
    assertEquals(16_314_616L, file.longAfter("MemTotal:"));
    assertEquals(
        9L, file.longAfter("MemAvailable:"), "a line that starts with the key, not MemFree");
    Files.writeString(meminfo, "MemTotal: 5 kB\nMemAvailable: 4 kB\n");
    file.read();
    assertEquals(4L, file.longAfter("MemAvailable:"), "read again, a shorter file");

    Path psi = dir.resolve("memory");
    Files.writeString(
        psi,
        "some avg10=80.00 avg60=1.50 avg300=0.00 total=12\n"
            + "full avg10=25.5 avg60=0.00 avg300=0.00 total=3\n");
    SmallTextFile pressure = new SmallTextFile(psi, 512);
    pressure.read();
    assertEquals(80.0, pressure.decimalAfter("some ", "avg10="));
    assertEquals(25.5, pressure.decimalAfter("full ", "avg10="));
    assertEquals(1.5, pressure.decimalAfter("some ", "avg60="));
  }

  @Test
  void shouldNameTheLineAndTheFileWhenANumberIsMissing() throws Exception {
    Path meminfo = dir.resolve("meminfo");
    Files.writeString(meminfo, "MemTotal: kB\n");
    SmallTextFile file = new SmallTextFile(meminfo, 4096);
    file.read();
    IllegalStateException noNumber =
        assertThrows(IllegalStateException.class, () -> file.longAfter("MemTotal:"));
    assertTrue(noNumber.getMessage().contains("MemTotal:"), noNumber.getMessage());
    assertTrue(noNumber.getMessage().contains(meminfo.toString()), noNumber.getMessage());
    IllegalStateException noLine =
        assertThrows(IllegalStateException.class, () -> file.decimalAfter("full ", "avg10="));
    assertTrue(noLine.getMessage().contains("full"), noLine.getMessage());
  }

  @Test
  void shouldTellAWordFromANumberAndKeepToItsBuffer() throws Exception {
    Path max = dir.resolve("memory.max");
    Files.writeString(max, "max\n");
    SmallTextFile limit = new SmallTextFile(max, 64);
    limit.read();
    assertTrue(limit.is("max"));
    Files.writeString(max, "1073741824\n");
    limit.read();
    assertFalse(limit.is("max"));
    assertEquals(1_073_741_824L, limit.longAfter(""));

    SmallTextFile tight = new SmallTextFile(max, 4);
    tight.read();
    assertEquals(1073L, tight.longAfter(""), "what does not fit is left out");
  }
}

package dev.ironcliw.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class JvmFlagsTest {
  @Test
  void shouldReadTheFlagsOfAnArgfileWithoutItsComments() {
    assertEquals(
        List.of("--add-modules=jdk.incubator.vector", "-Da=1", "-Db=2"),
        JvmFlags.parse(
            """
            # the Vector API
            --add-modules=jdk.incubator.vector

              -Da=1 -Db=2
            """));
  }

  /** The tests' JVM is started with the same file (surefire's argLine), so it has every flag. */
  @Test
  void shouldBeTheFlagsThisTestJvmWasStartedWith() {
    List<String> given = ManagementFactory.getRuntimeMXBean().getInputArguments();
    assertTrue(
        JvmFlags.REQUIRED.contains("--enable-native-access=ALL-UNNAMED"), "" + JvmFlags.REQUIRED);
    assertTrue(given.containsAll(JvmFlags.REQUIRED), given + " lacks some of " + JvmFlags.REQUIRED);
  }
}

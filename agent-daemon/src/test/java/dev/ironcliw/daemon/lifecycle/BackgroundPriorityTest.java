package dev.ironcliw.daemon.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Platform;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** On Linux, a background thread's nice value is raised for it alone, not for the process. */
class BackgroundPriorityTest {
  @Test
  void shouldRaiseTheNiceValueOfTheCallingThreadOnly() throws Exception {
    assumeTrue(Platform.isLinux(), "thread nice values are Linux's");
    int before = BackgroundPriority.currentNice();
    CompletableFuture<String> done = new CompletableFuture<>();
    CompletableFuture<Integer> nice = new CompletableFuture<>();
    Thread background =
        new Thread(
            () -> {
              done.complete(BackgroundPriority.lowerCurrentThread());
              nice.complete(BackgroundPriority.currentNice());
            });
    background.start();
    background.join();
    assertEquals("nice " + BackgroundPriority.NICE, done.get());
    assertEquals(Math.max(before, BackgroundPriority.NICE), nice.get());
    assertEquals(before, BackgroundPriority.currentNice(), "this thread keeps its priority");
  }
}

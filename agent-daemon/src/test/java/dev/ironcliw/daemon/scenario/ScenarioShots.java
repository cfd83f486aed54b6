package dev.ironcliw.daemon.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a scenario's recording comes from and goes: {@code -Dironcliw.scenario.shots=DIR} replays a
 * recording kept earlier instead of recording (to compare two dedups on the same frames), and
 * {@code -Dironcliw.scenario.keepShots=DIR} keeps a new recording there to look at. Each scenario
 * uses a subdirectory named after it.
 */
public final class ScenarioShots {
  /** Records a scenario's frames into the directory given. */
  public interface Recording {
    void into(Path shots) throws Exception;
  }

  private ScenarioShots() {}

  /** The recording of {@code scenario}: one kept earlier, or a new one made in {@code temp}. */
  public static Path recordOrReuse(String scenario, Path temp, Recording recording)
      throws Exception {
    String reuse = System.getProperty("ironcliw.scenario.shots");
    if (reuse != null) {
      Path kept = Path.of(reuse, scenario);
      System.out.println("scenario " + scenario + ": replaying the recording in " + kept);
      return kept;
    }
    Path shots = Files.createDirectories(temp.resolve("shots-" + scenario));
    recording.into(shots);
    keepIfAsked(scenario, shots);
    return shots;
  }

  private static void keepIfAsked(String scenario, Path shots) throws IOException {
    String keep = System.getProperty("ironcliw.scenario.keepShots");
    if (keep == null) {
      return;
    }
    Path target = Files.createDirectories(Path.of(keep, scenario));
    try (var files = Files.list(shots)) {
      for (Path shot : files.toList()) {
        Files.copy(shot, target.resolve(shot.getFileName()));
      }
    }
    System.out.println("scenario " + scenario + ": recording kept in " + target);
  }
}

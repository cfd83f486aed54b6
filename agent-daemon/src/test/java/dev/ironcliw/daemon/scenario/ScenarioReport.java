package dev.ironcliw.daemon.scenario;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a daemon did with a labelled recording: the verdicts per label, and the figures the dedup is
 * held to (recall of real changes, minor changes and duplicates not forwarded, returns).
 */
public final class ScenarioReport {
  private final String scenario;
  private final Map<ScenarioLabel, Map<String, Integer>> verdicts =
      new EnumMap<>(ScenarioLabel.class);
  private final Map<ScenarioLabel, int[]> forwarded = new EnumMap<>(ScenarioLabel.class);
  private final List<String> missed = new ArrayList<>();
  private final List<String> minorForwarded = new ArrayList<>();
  private final List<String> returns = new ArrayList<>();
  private final List<JsonObject> returnsEnding;

  /**
   * @param frames every replayed frame as the API lists it, in order, each with the recording's
   *     file name as its {@code source}
   */
  public ScenarioReport(String scenario, List<JsonObject> frames) {
    this.scenario = scenario;
    for (JsonObject frame : frames) {
      ScenarioLabel label = ScenarioLabel.ofFileName(frame.getString("source"));
      verdicts
          .computeIfAbsent(label, l -> new TreeMap<>())
          .merge(frame.getString("verdict"), 1, Integer::sum);
      int[] counts = forwarded.computeIfAbsent(label, l -> new int[2]);
      counts[0]++;
      String named = frame.getString("source") + " " + frame.getString("verdict");
      if (frame.getBoolean("forwarded")) {
        counts[1]++;
        if (label.minor()) {
          minorForwarded.add(named);
        }
      } else if (label == ScenarioLabel.REAL) {
        missed.add(named);
      }
      if (label == ScenarioLabel.RETURN) {
        returns.add(named);
      }
    }
    returnsEnding = returnsEnding(frames);
  }

  /**
   * The frame each return ends on: a RETURN frame not followed by another within three frames (a
   * repaint that comes in parts is one return).
   */
  private static List<JsonObject> returnsEnding(List<JsonObject> frames) {
    List<Integer> indexes = new ArrayList<>();
    List<JsonObject> returns = new ArrayList<>();
    for (JsonObject frame : frames) {
      String source = frame.getString("source");
      if (ScenarioLabel.ofFileName(source) == ScenarioLabel.RETURN) {
        indexes.add(Integer.parseInt(source.substring(0, source.indexOf('-'))));
        returns.add(frame);
      }
    }
    List<JsonObject> endings = new ArrayList<>();
    for (int i = 0; i < indexes.size(); i++) {
      if (i == indexes.size() - 1 || indexes.get(i + 1) - indexes.get(i) > 3) {
        endings.add(returns.get(i));
      }
    }
    return endings;
  }

  /** Frames with {@code label}. */
  public int total(ScenarioLabel label) {
    return forwarded.getOrDefault(label, new int[2])[0];
  }

  /** Frames with {@code label} forwarded to the model. */
  public int sent(ScenarioLabel label) {
    return forwarded.getOrDefault(label, new int[2])[1];
  }

  /** Real changes forwarded, of all real changes. */
  public double recall() {
    return (double) sent(ScenarioLabel.REAL) / total(ScenarioLabel.REAL);
  }

  /** Real changes not forwarded: file name and verdict. */
  public List<String> missed() {
    return missed;
  }

  /** Minor changes of every kind not forwarded, of all minor changes. */
  public double minorSuppressed() {
    int minor = 0;
    int sent = 0;
    for (ScenarioLabel label : ScenarioLabel.values()) {
      if (label.minor()) {
        minor += total(label);
        sent += sent(label);
      }
    }
    return 1 - (double) sent / minor;
  }

  /** Minor changes of {@code label} not forwarded, of all of them. */
  public double suppressed(ScenarioLabel label) {
    return 1 - (double) sent(label) / total(label);
  }

  /** The frame each return ends on. */
  public List<JsonObject> returnsEnding() {
    return returnsEnding;
  }

  /** Prints the table per label and the figures, each line starting with the scenario's name. */
  public void print() {
    System.out.printf("scenario %s: verdicts per label %s%n", scenario, verdicts);
    StringBuilder line = new StringBuilder();
    for (ScenarioLabel label : ScenarioLabel.values()) {
      if (total(label) > 0) {
        line.append(String.format(" %s %d (%d forwarded);", label, total(label), sent(label)));
      }
    }
    System.out.printf(
        "scenario %s: %d frames;%s recall %.3f; minor not forwarded %.3f; returns %d%n",
        scenario,
        forwarded.values().stream().mapToInt(c -> c[0]).sum(),
        line,
        recall(),
        minorSuppressed(),
        returnsEnding.size());
    if (!missed.isEmpty()) {
      System.out.printf("scenario %s: real changes not forwarded %s%n", scenario, missed);
    }
    System.out.printf("scenario %s: minor changes forwarded %s%n", scenario, minorForwarded);
    System.out.printf("scenario %s: return frames %s%n", scenario, returns);
    for (JsonObject end : returnsEnding) {
      System.out.printf(
          "scenario %s: return ends on %s %s%n",
          scenario, end.getString("source"), end.getString("verdict"));
    }
  }
}

package dev.ironcliw.benchmarks.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ironcliw.capture.XvfbServer;
import dev.ironcliw.capture.x11.XTestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the text read off the screen adds to what the vision model is sent: {@code ./ironcliw run}
 * capturing a 1920x1080 Xvfb at 10 FPS with Tesseract reading it, its provider a local stand-in for
 * Anthropic's API that measures every request ({@link MeasuringAnthropicStub}), while {@link
 * SoakActivity} types, scrolls and switches windows ({@code phaseSeconds} each) under the default
 * vision limits. Per phase: requests, those with screen text, and their estimated input tokens by
 * part. Writes {@code screen-text-cost.json} and {@code .md} to the output folder.
 *
 * <pre>./ironcliw bench ScreenTextCostRun [phaseSeconds=90] [outputDir=target/screen-text-cost]
 * </pre>
 *
 * No model judges the replies here, so this measures what the text costs, not what it is worth.
 */
public final class ScreenTextCostRun {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final List<SoakActivity.Phase> PHASES =
      List.of(
          SoakActivity.Phase.TYPING, SoakActivity.Phase.SCROLLING, SoakActivity.Phase.SWITCHING);
  private static final int WARM_UP_SECONDS = 20;

  private ScreenTextCostRun() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("java.awt.headless", "true");
    int phaseSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 90;
    Path out =
        Files.createDirectories(Path.of(args.length > 1 ? args[1] : "target/screen-text-cost"));
    Path work = Files.createTempDirectory("ironcliw-screen-text-cost");
    String[] phase = {"warm-up"};
    Map<String, Object> summary = new LinkedHashMap<>();
    try (MeasuringAnthropicStub stub = new MeasuringAnthropicStub(() -> phase[0]);
        XvfbServer xvfb = XvfbServer.start(1920, 1080, "-s", "0");
        XTestClient x = new XTestClient(xvfb.display())) {
      Path config = work.resolve("ironcliw.yaml");
      Files.writeString(
          config,
          "capture:\n  fps: 10\nvision:\n  provider: anthropic\n  anthropic:\n    baseUrl: "
              + stub.baseUrl()
              + "\ntext:\n  engine: tesseract\n");
      DaemonClient api = new DaemonClient(work.resolve("data"), DaemonClient.freePort());
      SoakActivity activity = new SoakActivity(x);
      Process daemon =
          api.launch(
              config,
              "x11",
              out.resolve("daemon.log"),
              Map.of("DISPLAY", xvfb.display(), "ANTHROPIC_API_KEY", "sk-ant-bench-local"));
      try {
        api.awaitStarted(daemon);
        Thread.sleep(WARM_UP_SECONDS * 1000L); // the first whole-screen read
        for (SoakActivity.Phase p : PHASES) {
          phase[0] = p.name().toLowerCase(Locale.ROOT);
          play(activity, p, phaseSeconds);
        }
        phase[0] = "after";
        JsonNode vision = JSON.readTree(api.get("/api/v1/status")).path("vision");
        summary.put("visionStatus", vision);
      } finally {
        daemon.destroy();
        if (!daemon.waitFor(60, TimeUnit.SECONDS)) {
          daemon.destroyForcibly();
        }
      }
      List<Map<String, Object>> perPhase = new ArrayList<>();
      for (SoakActivity.Phase p : PHASES) {
        String name = p.name().toLowerCase(Locale.ROOT);
        perPhase.add(
            figures(name, stub.requests().stream().filter(r -> r.phase().equals(name)).toList()));
      }
      summary.put("phaseSeconds", phaseSeconds);
      summary.put("phases", perPhase);
      summary.put("requests", stub.requests());
    }
    JSON.writeValue(out.resolve("screen-text-cost.json").toFile(), summary);
    String markdown = markdown(summary);
    Files.writeString(out.resolve("screen-text-cost.md"), markdown);
    System.out.print(markdown);
  }

  private static void play(SoakActivity activity, SoakActivity.Phase phase, int seconds)
      throws InterruptedException {
    long start = System.nanoTime();
    for (long step = 0; step < seconds * 10L; step++) {
      activity.step(phase, step);
      long wait = start + (step + 1) * 100_000_000L - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
    }
  }

  private static Map<String, Object> figures(
      String phase, List<MeasuringAnthropicStub.Request> requests) {
    long crops = 0;
    long contexts = 0;
    long screen = 0;
    long other = 0;
    long contextsWithText = 0;
    int withText = 0;
    List<Integer> chars = new ArrayList<>();
    for (MeasuringAnthropicStub.Request r : requests) {
      crops += r.cropTokens();
      contexts += r.contextTokens();
      screen += MeasuringAnthropicStub.textTokens(r.screenTextChars());
      other += MeasuringAnthropicStub.textTokens(r.otherTextChars());
      if (r.screenTextChars() > 0) {
        withText++;
        chars.add(r.screenTextChars());
        contextsWithText += r.contextTokens();
      }
    }
    chars.sort(null);
    long total = crops + contexts + screen + other;
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("phase", phase);
    f.put("requests", requests.size());
    f.put("withScreenText", withText);
    f.put("screenTextCharsMedian", chars.isEmpty() ? 0 : chars.get(chars.size() / 2));
    f.put("tokensPerRequest", requests.isEmpty() ? 0 : total / requests.size());
    f.put("cropTokens", crops);
    f.put("contextImageTokens", contexts);
    f.put("screenTextTokens", screen);
    f.put("otherTextTokens", other);
    f.put("screenTextShare", total == 0 ? 0 : Math.round(1000.0 * screen / total) / 10.0);
    f.put("contextImageTokensInRequestsWithText", contextsWithText);
    return f;
  }

  @SuppressWarnings("unchecked")
  private static String markdown(Map<String, Object> summary) {
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            "# What the screen text adds to a vision request%n%n%s s a phase of ./ironcliw run on a"
                + " 1920x1080 Xvfb at 10 FPS, Tesseract reading it, vision limits at their"
                + " defaults; input tokens estimated as Anthropic documents for images (pixels /"
                + " 750) and as 4 characters a token for text.%n%n",
            summary.get("phaseSeconds")));
    md.append(
        "| phase | requests | with screen text | screen text chars (median) | tokens a request |"
            + " crops | whole-screen images | screen text | other text | screen text share |"
            + " whole-screen tokens where text went too |\n");
    md.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (Map<String, Object> f : (List<Map<String, Object>>) summary.get("phases")) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s%% | %s |%n",
              f.get("phase"),
              f.get("requests"),
              f.get("withScreenText"),
              f.get("screenTextCharsMedian"),
              f.get("tokensPerRequest"),
              f.get("cropTokens"),
              f.get("contextImageTokens"),
              f.get("screenTextTokens"),
              f.get("otherTextTokens"),
              f.get("screenTextShare"),
              f.get("contextImageTokensInRequestsWithText")));
    }
    JsonNode vision = (JsonNode) summary.get("visionStatus");
    md.append(
        String.format(
            Locale.ROOT,
            "%nThe daemon's status.vision: %s batches sent, %s with screen text (%s characters),"
                + " dropped %s.%n",
            vision.path("batchesSent").asLong(),
            vision.path("screenText").path("batches").asLong(),
            vision.path("screenText").path("chars").asLong(),
            vision.path("dropped")));
    return md.toString();
  }
}

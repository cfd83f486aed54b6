package dev.ironcliw.benchmarks;

import dev.ironcliw.benchmarks.run.ApiLoadRun;
import dev.ironcliw.benchmarks.run.DayReplayRun;
import dev.ironcliw.benchmarks.run.IdleRun;
import dev.ironcliw.benchmarks.run.McpSearchRun;
import dev.ironcliw.benchmarks.run.MemoryBudgetRun;
import dev.ironcliw.benchmarks.run.PageWeekRun;
import dev.ironcliw.benchmarks.run.PipelineReplayRun;
import dev.ironcliw.benchmarks.run.ScreenTextCostRun;
import dev.ironcliw.benchmarks.run.SoakRun;
import dev.ironcliw.benchmarks.run.TextWeekRun;
import dev.ironcliw.benchmarks.run.X11DaemonRun;
import dev.ironcliw.daemon.Main;
import java.util.Arrays;
import java.util.Optional;

/**
 * The end-to-end runs {@code ./ironcliw bench} knows besides the JMH benchmarks: each is a program
 * that prints its own figures. Each exits non-zero when it fails or has nothing to measure.
 */
enum BenchRun {
  PIPELINE_REPLAY(
      "PipelineReplayRun",
      "[pngDir|synthetic] [resolutions=1920x1080,5120x2880] [passes=3] [outputDir=target/replay]"
          + " [damage=none,derived] [config.yaml]",
      "a PNG sequence through the capture and pipeline agents in process: CPU time per frame"
          + " and per stage, by verdict",
      PipelineReplayRun::main),
  API_LOAD(
      "ApiLoadRun",
      "[seconds=60] [rate=1000]",
      "a daemon on the synthetic desktop under an open-loop load of frame queries: latency"
          + " percentiles and what capture managed meanwhile",
      ApiLoadRun::main),
  MEMORY_BUDGET(
      "MemoryBudgetRun",
      "[seconds=600]",
      "a daemon replaying 1080p frames with memory.total 512MiB: resident memory every second"
          + " against the budget (Linux)",
      MemoryBudgetRun::main),
  DAY_REPLAY(
      "DayReplayRun",
      "[hours=24] [size=1920x1080] [outputDir=target/day]",
      "a day of the synthetic desktop at 10 FPS as fast as the pipeline goes, default budgets:"
          + " resident memory, the API's answers, the journal's day roll and retention, errors"
          + " logged (Linux)",
      DayReplayRun::main),
  X11_DAEMON(
      "X11DaemonRun",
      "[seconds=60]",
      "a daemon capturing a 1920x1080 Xvfb where a window moves every 100 ms: FPS, missed and"
          + " dropped ticks, grab time (needs Xvfb)",
      X11DaemonRun::main),
  IDLE(
      "IdleRun",
      "[warmSeconds=120] [seconds=180]",
      "a daemon left alone on a still 1920x1080 Xvfb: CPU and wake-ups a second by thread, and"
          + " the X server's CPU (needs Xvfb)",
      IdleRun::main),
  SOAK(
      "SoakRun",
      "[seconds=600] [outputDir=target/soak] [phaseSeconds=60]",
      "a daemon on Xvfb through idle, typing, scrolling and window switching: CPU and memory"
          + " over time, text recognition's CPU, with a chart (needs Xvfb)",
      SoakRun::main),
  TEXT_WEEK(
      "TextWeekRun",
      "[secondsPerRead=5] [activeHours=8] [queries=300] [outputDir=target/text-week]",
      "a generated week of screen text in the journal, then a daemon on Xvfb over it: index"
          + " build and start-up times, index size a day, search latency while capturing (needs"
          + " Xvfb)",
      TextWeekRun::main),
  SCREEN_TEXT_COST(
      "ScreenTextCostRun",
      "[phaseSeconds=90] [outputDir=target/screen-text-cost]",
      "a daemon on Xvfb through typing, scrolling and switching, its vision provider a local"
          + " stand-in that measures each request: what the text read off the screen adds to the"
          + " input tokens (needs Xvfb and Tesseract)",
      ScreenTextCostRun::main),
  MCP_SEARCH(
      "McpSearchRun",
      "[calls=200]",
      "search_screen through ./ironcliw mcp (the MCP SDK's stdio client) against the same search"
          + " over the HTTP API, on a daemon reading the synthetic desktop's text",
      McpSearchRun::main),
  PAGE_WEEK(
      "PageWeekRun",
      "[activeHours=8] [loads=15]",
      "the timeline page's load time in Chromium over a generated week of history: page ready,"
          + " timeline drawn and frame shown at a week, a day and an hour (needs chromium and"
          + " chromium-driver)",
      PageWeekRun::main);

  /** A run's {@code main}. */
  @FunctionalInterface
  interface Main {
    void run(String[] args) throws Exception;
  }

  final String runName;
  final String arguments;
  final String description;
  final Main main;

  BenchRun(String runName, String arguments, String description, Main main) {
    this.runName = runName;
    this.arguments = arguments;
    this.description = description;
    this.main = main;
  }

  /** The run called {@code name} (case as listed), if there is one. */
  static Optional<BenchRun> named(String name) {
    return Arrays.stream(values()).filter(r -> r.runName.equals(name)).findFirst();
  }
}

package dev.ironcliw.benchmarks.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * End-to-end: {@code ./ironcliw run} capturing the synthetic 1920x1080 desktop at 10 FPS while this
 * load generator sends frame queries at a fixed rate (1000 per second for 60 s by default). The
 * rate is open-loop: each request has its planned send time and its latency is measured from that
 * time, so a stall shows up in the latencies instead of slowing the load down; the requests share
 * {@link #CONNECTIONS} keep-alive connections and wait while all are busy. Prints p50, p90, p99,
 * p99.9 and max latency, errors, and what capture managed meanwhile.
 *
 * <p>Capture runs {@link #WARM_UP_SECONDS} before any request, then the same load runs that long
 * unmeasured (the JIT compiles the request path), then the measured run. The queries: a page of the
 * last minute's frames ({@code frames?from=...&limit=20}), one recent frame's record ({@code
 * frames/{seq}}), and the last CHANGE frames ({@code frames?verdict=CHANGE&limit=10}), in equal
 * shares.
 *
 * <pre>
 * ./ironcliw bench ApiLoadRun [seconds] [rate]
 * </pre>
 *
 * Run from the repository root; the load generator shares the machine with the daemon.
 */
public final class ApiLoadRun {
  private static final int WARM_UP_SECONDS = 10;

  /** Keep-alive connections the requests share; a request waits while all are busy. */
  private static final int CONNECTIONS = 16;

  private static final ObjectMapper JSON = new ObjectMapper();

  private ApiLoadRun() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    int rate = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    Path work = Files.createTempDirectory("ironcliw-load");
    Path config = work.resolve("ironcliw.yaml");
    Files.writeString(
        config,
        """
        capture:
          fps: 10
        vision:
          provider: none
        api:
          rateLimit: %d/s
        """
            .formatted(rate * 4));
    Path data = work.resolve("data");
    int port = DaemonClient.freePort();
    DaemonClient api = new DaemonClient(data, port);
    Process daemon = api.launch(config, "synthetic", work.resolve("daemon.log"));
    try {
      api.awaitStarted(daemon);
      Thread.sleep(TimeUnit.SECONDS.toMillis(WARM_UP_SECONDS));
      // The same load, not measured, until the JIT has compiled the request path.
      long seq = JSON.readTree(api.get("/api/v1/status")).path("frames").path("lastSeq").asLong();
      run(port, api.token(), WARM_UP_SECONDS, rate, seq);
      JsonNode before = JSON.readTree(api.get("/api/v1/status"));
      Load load =
          run(port, api.token(), seconds, rate, before.path("frames").path("lastSeq").asLong());
      JsonNode after = JSON.readTree(api.get("/api/v1/status"));
      report(seconds, rate, load, before, after);
    } finally {
      daemon.destroy();
      daemon.waitFor(60, TimeUnit.SECONDS);
    }
  }

  /** Latencies in nanoseconds from each request's planned send time, and the failures. */
  private record Load(
      long[] latencies, long errors, long non200, String firstError, double sendSeconds) {}

  private static Load run(int port, String token, int seconds, int rate, long lastSeq)
      throws Exception {
    int total = seconds * rate;
    long[] latencies = new long[total];
    AtomicLong errors = new AtomicLong();
    AtomicLong non200 = new AtomicLong();
    String[] firstError = {""};
    AtomicInteger next = new AtomicInteger();
    long intervalNanos = 1_000_000_000L / rate;
    long start = System.nanoTime() + 200_000_000L;
    List<Thread> senders = new ArrayList<>();
    for (int c = 0; c < CONNECTIONS; c++) {
      senders.add(
          Thread.ofPlatform()
              .name("load-" + c)
              .start(
                  () -> {
                    KeepAliveHttp http = null;
                    for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                      long planned = start + i * intervalNanos;
                      long wait = planned - System.nanoTime();
                      if (wait > 0) {
                        LockSupport.parkNanos(wait);
                      }
                      try {
                        if (http == null) {
                          http = new KeepAliveHttp(port, token);
                        }
                        int status = http.get(query(i, lastSeq + i / 100));
                        if (status != 200 && non200.getAndIncrement() == 0) {
                          firstError[0] = "status " + status + " for " + query(i, lastSeq);
                        }
                      } catch (IOException e) {
                        if (errors.getAndIncrement() == 0) {
                          firstError[0] = e.toString();
                        }
                        http = null;
                      }
                      latencies[i] = System.nanoTime() - planned;
                    }
                  }));
    }
    for (Thread sender : senders) {
      sender.join();
    }
    double sendSeconds = (System.nanoTime() - start) / 1e9;
    return new Load(latencies, errors.get(), non200.get(), firstError[0], sendSeconds);
  }

  /** Request {@code i}'s target: the three frame queries in turn. */
  private static String query(int i, long recentSeq) {
    return switch (i % 3) {
      case 0 -> "/api/v1/frames?limit=20&from=" + Instant.now().minusSeconds(60);
      case 1 ->
          "/api/v1/frames/" + Math.max(0, recentSeq - ThreadLocalRandom.current().nextInt(300));
      default -> "/api/v1/frames?verdict=CHANGE&limit=10&fromSeq=" + Math.max(0, recentSeq - 600);
    };
  }

  private static void report(int seconds, int rate, Load load, JsonNode before, JsonNode after) {
    long[] sorted = load.latencies().clone();
    Arrays.sort(sorted);
    StringBuilder worstPerSecond = new StringBuilder();
    for (int second = 0; second < seconds; second++) {
      long worst = 0;
      for (int i = second * rate; i < (second + 1) * rate; i++) {
        worst = Math.max(worst, load.latencies()[i]);
      }
      worstPerSecond.append(String.format(Locale.ROOT, " %.0f", worst / 1e6));
    }
    long processed =
        after.path("frames").path("processed").asLong()
            - before.path("frames").path("processed").asLong();
    System.out.printf(
        Locale.ROOT,
        "API load run: %d requests at %d/s for %d s (done in %.1f s) while capturing 1920x1080 at"
            + " 10 FPS%n"
            + "  latency ms: p50 %.2f, p90 %.2f, p99 %.2f, p99.9 %.2f, max %.2f%n"
            + "  errors: %d failed, %d not 200%s%n"
            + "  worst latency ms in each second:%s%n"
            + "  capture meanwhile: %d frames processed (%.2f FPS), fpsActual10s %s, missed ticks"
            + " %s -> %s%n",
        sorted.length,
        rate,
        seconds,
        load.sendSeconds(),
        ms(sorted, 0.5),
        ms(sorted, 0.9),
        ms(sorted, 0.99),
        ms(sorted, 0.999),
        sorted[sorted.length - 1] / 1e6,
        load.errors(),
        load.non200(),
        load.firstError().isEmpty() ? "" : " (first: " + load.firstError() + ")",
        worstPerSecond,
        processed,
        processed / load.sendSeconds(),
        after.path("capture").path("fpsActual10s").asText(),
        before.path("capture").path("missedTicks").asText(),
        after.path("capture").path("missedTicks").asText());
  }

  private static double ms(long[] sorted, double p) {
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
  }
}

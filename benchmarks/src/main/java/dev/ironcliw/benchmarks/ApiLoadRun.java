package dev.ironcliw.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * End-to-end: {@code ./ironcliw run} capturing the synthetic 1920x1080 desktop at 10 FPS while this
 * load generator sends frame queries at a fixed rate (1000 per second for 60 s by default). The
 * rate is open-loop: each request has its planned send time and its latency is measured from that
 * time, so a stall shows up in the latencies instead of slowing the load down. Prints p50, p90,
 * p99, p99.9 and max latency, errors, and what capture managed meanwhile.
 *
 * <p>The queries: a page of the last minute's frames ({@code frames?from=...&limit=20}), one recent
 * frame's record ({@code frames/{seq}}), and the last CHANGE frames ({@code
 * frames?verdict=CHANGE&limit=10}), in equal shares.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.ironcliw.benchmarks.ApiLoadRun [seconds] [rate]
 * </pre>
 *
 * Run from the repository root; the load generator shares the machine with the daemon.
 */
public final class ApiLoadRun {
  private static final int WARM_UP_SECONDS = 10;
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
    CountDownLatch done = new CountDownLatch(total);
    ExecutorService callbacks = Executors.newFixedThreadPool(2);
    HttpClient client =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(callbacks).build();
    String base = "http://127.0.0.1:" + port;
    long intervalNanos = 1_000_000_000L / rate;
    long start = System.nanoTime() + 50_000_000L;
    for (int i = 0; i < total; i++) {
      long planned = start + i * intervalNanos;
      long wait = planned - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(base + query(i, lastSeq + i / 100)))
              .header("Authorization", "Bearer " + token)
              .timeout(java.time.Duration.ofSeconds(30))
              .build();
      int index = i;
      client
          .sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
          .whenComplete(
              (response, failure) -> {
                latencies[index] = System.nanoTime() - planned;
                if (failure != null) {
                  if (errors.getAndIncrement() == 0) {
                    firstError[0] = failure.toString();
                  }
                } else if (response.statusCode() != 200) {
                  if (non200.getAndIncrement() == 0) {
                    firstError[0] = response.statusCode() + " " + new String(response.body());
                  }
                }
                done.countDown();
              });
    }
    double sendSeconds = (System.nanoTime() - start) / 1e9;
    done.await(2, TimeUnit.MINUTES);
    callbacks.shutdown();
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
    long processed =
        after.path("frames").path("processed").asLong()
            - before.path("frames").path("processed").asLong();
    System.out.printf(
        Locale.ROOT,
        "API load run: %d requests at %d/s for %d s (sent in %.1f s) while capturing 1920x1080 at"
            + " 10 FPS%n"
            + "  latency ms: p50 %.2f, p90 %.2f, p99 %.2f, p99.9 %.2f, max %.2f%n"
            + "  errors: %d failed, %d not 200%s%n"
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

package dev.ironcliw.daemon;

import dev.ironcliw.dedup.Verdict;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.BindException;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The local HTTP API on 127.0.0.1. Every route but {@code GET /api/v1/health} needs the bearer
 * token; requests whose Host or Origin is not loopback are refused (DNS rebinding, web pages).
 * Journal reads and PNG encoding run on worker threads, never on the event loop.
 */
final class ApiServer implements AutoCloseable {
  static final String HOST = "127.0.0.1";
  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 1000;
  private static final Set<String> LOOPBACK_NAMES = Set.of("127.0.0.1", "localhost", "[::1]");

  private final Vertx vertx;
  private final ApiToken token;
  private final StatusReporter status;
  private final Journal journal;
  private final dev.ironcliw.ring.FrameRing ring;
  private final EventStream stream;
  private final ConfigRoutes config;
  private final PrometheusMeterRegistry metrics;
  private HttpServer server;

  ApiServer(
      Vertx vertx,
      ApiToken token,
      StatusReporter status,
      Journal journal,
      dev.ironcliw.ring.FrameRing ring,
      EventStream stream,
      ConfigRoutes config,
      PrometheusMeterRegistry metrics) {
    this.vertx = vertx;
    this.metrics = metrics;
    this.config = config;
    this.token = token;
    this.status = status;
    this.journal = journal;
    this.ring = ring;
    this.stream = stream;
  }

  /**
   * Listens on 127.0.0.1:{@code port} and waits until it does.
   *
   * @throws StartupException naming the port when it is taken
   */
  void start(int port) {
    Router router = Router.router(vertx);
    router.route().handler(this::guard);
    router.get("/api/v1/health").handler(this::health);
    router.get("/api/v1/status").handler(ctx -> json(ctx, 200, status.status()));
    router.get("/api/v1/frames").handler(this::frames);
    router.get("/api/v1/frames/:seq").handler(this::frame);
    router.get("/api/v1/frames/:seq/image").handler(this::image);
    router.get("/api/v1/insights").handler(this::insights);
    router.get("/api/v1/stream").handler(stream::open);
    config.mount(router);
    router
        .get("/metrics")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(metrics.scrape()));
    router
        .route()
        .last()
        .handler(
            ctx ->
                ApiError.send(
                    ctx,
                    404,
                    "not_found",
                    "no such route: " + ctx.request().method() + " " + ctx.request().path()));
    router.route().failureHandler(ApiServer::failure);
    try {
      server =
          vertx
              .createHttpServer(new HttpServerOptions().setHost(HOST).setPort(port))
              .requestHandler(router)
              .listen()
              .toCompletionStage()
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof BindException
          || String.valueOf(cause.getMessage()).contains("Address already in use")) {
        throw new StartupException(
            "port "
                + port
                + " on "
                + HOST
                + " is already in use; stop what holds it or choose another with --port or"
                + " api.port",
            ExitCodes.FAILURE,
            cause);
      }
      throw new StartupException(
          "cannot listen on " + HOST + ":" + port + ": " + cause.getMessage(),
          ExitCodes.FAILURE,
          cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StartupException("interrupted while starting the API", ExitCodes.FAILURE, e);
    } catch (TimeoutException e) {
      throw new StartupException(
          "the API did not start listening on port " + port, ExitCodes.FAILURE, e);
    }
  }

  int port() {
    return server.actualPort();
  }

  private void guard(RoutingContext ctx) {
    String host = ctx.request().getHeader("Host");
    if (host != null && !LOOPBACK_NAMES.contains(hostName(host))) {
      ApiError.send(
          ctx, 403, "forbidden_host", "requests must be addressed to 127.0.0.1 or localhost");
      return;
    }
    String origin = ctx.request().getHeader("Origin");
    if (origin != null && !isLoopbackOrigin(origin)) {
      ApiError.send(ctx, 403, "forbidden_origin", "cross-origin requests are refused");
      return;
    }
    if (!ctx.request().path().equals("/api/v1/health")
        && !token.accepts(ctx.request().getHeader("Authorization"))) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
      ApiError.send(
          ctx,
          401,
          "unauthorized",
          "missing or wrong bearer token; send 'Authorization: Bearer <token>' with the token"
              + " from <data dir>/api-token");
      return;
    }
    ctx.next();
  }

  private static String hostName(String hostHeader) {
    if (hostHeader.startsWith("[")) {
      int end = hostHeader.indexOf(']');
      return end < 0 ? hostHeader : hostHeader.substring(0, end + 1);
    }
    int colon = hostHeader.indexOf(':');
    return (colon < 0 ? hostHeader : hostHeader.substring(0, colon)).toLowerCase(Locale.ROOT);
  }

  private static boolean isLoopbackOrigin(String origin) {
    try {
      String host = URI.create(origin).getHost();
      return host != null
          && (LOOPBACK_NAMES.contains(host) || host.equals("[::1]") || host.equals("::1"));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private void health(RoutingContext ctx) {
    JsonObject health = status.health();
    json(ctx, health.getBoolean("healthy") ? 200 : 503, health);
  }

  private void frames(RoutingContext ctx) {
    FrameQuery query = parseQuery(ctx);
    vertx
        .executeBlocking(() -> journal.query(query))
        .onSuccess(
            page -> {
              JsonArray frames = new JsonArray();
              page.frames().forEach(r -> frames.add(FrameJson.of(r)));
              json(
                  ctx,
                  200,
                  new JsonObject()
                      .put("frames", frames)
                      .put("next", page.nextSeq() == null ? null : page.nextSeq().toString()));
            })
        .onFailure(ctx::fail);
  }

  private void frame(RoutingContext ctx) {
    long seq = parseSeq(ctx.pathParam("seq"), "seq");
    vertx
        .executeBlocking(() -> journal.find(seq))
        .onSuccess(
            found ->
                found.ifPresentOrElse(
                    r -> json(ctx, 200, FrameJson.of(r)),
                    () -> ApiError.send(ctx, 404, "not_found", "no frame with seq " + seq)))
        .onFailure(ctx::fail);
  }

  private void image(RoutingContext ctx) {
    long seq = parseSeq(ctx.pathParam("seq"), "seq");
    vertx
        .executeBlocking(
            () -> {
              var record = journal.find(seq);
              if (record.isEmpty()) {
                return ImageResult.NO_RECORD;
              }
              byte[] png =
                  FramePng.encode(ring, record.get().ringPosition(), record.get().fingerprint());
              return png == null ? ImageResult.GONE : new ImageResult(png);
            })
        .onSuccess(
            result -> {
              if (result == ImageResult.NO_RECORD) {
                ApiError.send(ctx, 404, "not_found", "no frame with seq " + seq);
              } else if (result == ImageResult.GONE) {
                ApiError.send(
                    ctx,
                    410,
                    "gone",
                    "frame "
                        + seq
                        + " is no longer in the frame ring (overwritten by newer frames); its"
                        + " record is still at /api/v1/frames/"
                        + seq);
              } else {
                ctx.response()
                    .putHeader("Content-Type", "image/png")
                    .end(Buffer.buffer(result.png()));
              }
            })
        .onFailure(ctx::fail);
  }

  private void insights(RoutingContext ctx) {
    int limit = parseLimit(ctx);
    Long from = optionalTime(ctx, "from");
    Long to = optionalTime(ctx, "to");
    vertx
        .executeBlocking(() -> journal.insights(from, to, limit))
        .onSuccess(
            found -> {
              JsonArray insights = new JsonArray();
              found.forEach(r -> insights.add(InsightJson.of(r)));
              json(ctx, 200, new JsonObject().put("insights", insights));
            })
        .onFailure(ctx::fail);
  }

  /** Bad request parameters (thrown as IllegalArgumentException) are 400; anything else 500. */
  private static void failure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof IllegalArgumentException) {
      ApiError.send(ctx, 400, "bad_request", failure.getMessage());
    } else if (failure == null) {
      ApiError.send(ctx, ctx.statusCode(), "error", "request failed with " + ctx.statusCode());
    } else {
      ApiError.send(ctx, 500, "internal", "internal error: " + failure.getMessage());
    }
  }

  /** The outcome of an image request, computed off the event loop. */
  private record ImageResult(byte[] png) {
    static final ImageResult NO_RECORD = new ImageResult(new byte[0]);
    static final ImageResult GONE = new ImageResult(new byte[0]);
  }

  private static int parseLimit(RoutingContext ctx) {
    String limitText = ctx.request().getParam("limit");
    if (limitText == null) {
      return DEFAULT_LIMIT;
    }
    int limit;
    try {
      limit = Integer.parseInt(limitText);
    } catch (NumberFormatException e) {
      limit = -1;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "limit: \"" + limitText + "\" is not a whole number from 1 to " + MAX_LIMIT);
    }
    return limit;
  }

  static FrameQuery parseQuery(RoutingContext ctx) {
    int limit = parseLimit(ctx);
    Long cursor = optionalSeq(ctx, "cursor");
    Long fromSeq = optionalSeq(ctx, "fromSeq");
    Long toSeq = optionalSeq(ctx, "toSeq");
    Long start = fromSeq;
    if (cursor != null && (start == null || cursor > start)) {
      start = cursor;
    }
    return new FrameQuery(
        start,
        toSeq,
        optionalTime(ctx, "from"),
        optionalTime(ctx, "to"),
        verdicts(ctx.request().getParam("verdict")),
        limit);
  }

  private static Long optionalSeq(RoutingContext ctx, String name) {
    String text = ctx.request().getParam(name);
    return text == null ? null : parseSeq(text, name);
  }

  private static long parseSeq(String text, String name) {
    try {
      long value = Long.parseLong(text);
      if (value >= 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        name + ": \"" + text + "\" is not a frame sequence (expected a whole number >= 0)");
  }

  private static Long optionalTime(RoutingContext ctx, String name) {
    String text = ctx.request().getParam(name);
    if (text == null) {
      return null;
    }
    try {
      Instant instant = Instant.parse(text);
      return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          name + ": \"" + text + "\" is not a time (expected ISO-8601, e.g. 2026-11-22T14:00:00Z)");
    }
  }

  private static Set<Verdict> verdicts(String text) {
    if (text == null || text.isBlank()) {
      return Set.of();
    }
    Set<Verdict> verdicts = EnumSet.noneOf(Verdict.class);
    for (String name : text.split(",")) {
      try {
        verdicts.add(Verdict.valueOf(name.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "verdict: \""
                + name
                + "\" is not a verdict (expected DUPLICATE, REVISIT, MINOR or CHANGE)");
      }
    }
    return verdicts;
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(body.encode());
  }

  @Override
  public void close() {
    if (server != null) {
      try {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        // closing anyway; Vert.x shuts down next
      }
    }
  }
}

package dev.ironcliw.daemon.api;

import dev.ironcliw.config.ApiSettings;
import dev.ironcliw.config.schema.Units;
import dev.ironcliw.daemon.image.FrameImages;
import dev.ironcliw.daemon.image.ImageRequest;
import dev.ironcliw.daemon.journal.ActivitySpan;
import dev.ironcliw.daemon.journal.FrameQuery;
import dev.ironcliw.daemon.journal.Journal;
import dev.ironcliw.daemon.journal.RecordKind;
import dev.ironcliw.daemon.journal.record.ContextEventRecord;
import dev.ironcliw.daemon.journal.record.FrameRecord;
import dev.ironcliw.daemon.journal.record.TextWord;
import dev.ironcliw.daemon.lifecycle.ExitCodes;
import dev.ironcliw.daemon.lifecycle.StartupException;
import dev.ironcliw.daemon.pipeline.UserPause;
import dev.ironcliw.daemon.search.WordMatcher;
import dev.ironcliw.daemon.text.SecretBoxes;
import dev.ironcliw.daemon.text.VisibleText;
import dev.ironcliw.dedup.Verdict;
import dev.ironcliw.ring.Rect;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.TimeoutHandler;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local HTTP API, on 127.0.0.1 unless configured otherwise. Every route but {@code GET
 * /api/v1/health} needs the bearer token; requests whose Host or Origin is not loopback are refused
 * (DNS rebinding, web pages); each client address has a request rate limit, each request a time
 * limit and a size limit. Journal reads and PNG encoding run on worker threads, never on the event
 * loop.
 */
public final class ApiServer implements AutoCloseable {
  /**
   * How long after a frame a read of its display may still show its secrets: an area that keeps
   * changing is read after 5 s, and the reader keeps to its CPU share.
   */
  private static final long SECRETS_READ_WITHIN_NANOS = java.time.Duration.ofSeconds(10).toNanos();

  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  public static final String HOST = "127.0.0.1";
  public static final String OPENAPI_RESOURCE = "/openapi.yaml";

  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 1000;
  private static final int MAX_DISPLAYS = 64;
  private static final Set<String> LOOPBACK_NAMES = Set.of("127.0.0.1", "localhost", "[::1]");

  private final Vertx vertx;
  private final ApiToken token;
  private final BrowserSessions sessions;
  private final StatusReplies status;
  private final Journal journal;
  private final dev.ironcliw.ring.FrameRing ring;
  private final EventStream stream;
  private final ConfigRoutes config;
  private final SearchRoutes search;
  private final PrometheusMeterRegistry metrics;
  private final UserPause pause;
  private final ApiSettings settings;
  private final ClientRateLimit rateLimit;
  private final ClientRateLimit unauthenticatedRateLimit;
  private final AtomicInteger connections = new AtomicInteger();

  /** The open connections a request has come on (for the header timeout). */
  private final Set<HttpConnection> requested = ConcurrentHashMap.newKeySet();

  private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(2);

  /** Requests a second without the token (health, proof, and 401s), per address. */
  static final double UNAUTHENTICATED_PER_SECOND = 20;

  /** How long a new connection may take to send its first request's headers. */
  static final Duration HEADER_TIMEOUT = Duration.ofSeconds(10);

  /** Connections open at once; more are closed as they come. */
  public static final int MAX_CONNECTIONS = 256;

  /**
   * A body announced over {@link ApiParams#MAX_BODY_BYTES} but at most this long is read and thrown
   * away before the 413; a longer one is never read, and its connection is closed.
   */
  static final long DISCARDED_BODY_MAX_BYTES = 1 << 20;

  private static final int MAX_LINE_BYTES = 8192;
  private static final int MAX_HEADER_BYTES = 16 * 1024;

  private final Set<String> allowedHosts = new HashSet<>(LOOPBACK_NAMES);
  private HttpServer server;
  private Router router;
  private java.util.function.Consumer<Router> moreRoutes = r -> {};

  public ApiServer(
      Vertx vertx,
      ApiToken token,
      BrowserSessions sessions,
      StatusReplies status,
      Journal journal,
      dev.ironcliw.ring.FrameRing ring,
      EventStream stream,
      ConfigRoutes config,
      SearchRoutes search,
      PrometheusMeterRegistry metrics,
      UserPause pause,
      ApiSettings settings) {
    this.vertx = vertx;
    this.pause = pause;
    this.settings = settings;
    this.rateLimit = new ClientRateLimit(settings.requestsPerSecond());
    this.unauthenticatedRateLimit = new ClientRateLimit(UNAUTHENTICATED_PER_SECOND);
    this.metrics = metrics;
    this.config = config;
    this.search = search;
    this.token = token;
    this.sessions = sessions;
    this.status = status;
    this.journal = journal;
    this.ring = ring;
    this.stream = stream;
  }

  /**
   * Listens on {@code api.bindAddress}:{@code port} and waits until it does.
   *
   * @throws StartupException naming the port when it is taken, or the address when it is not a
   *     loopback address and {@code api.allowRemote} is off
   */
  public void start(int port) {
    String host = bindAddress(settings);
    allowedHosts.add(host.contains(":") ? "[" + host + "]" : host);
    String openApi = openApiDocument();
    router = Router.router(vertx);
    router.route().handler(this::guard);
    // Before the time limit: the stream is meant to stay open.
    router.get("/api/v1/stream").handler(stream::open);
    router.route().handler(TimeoutHandler.create(settings.requestTimeout().toMillis(), 503));
    router.get("/api/v1/health").handler(this::health);
    router.get("/api/v1/proof").handler(this::proof);
    router.post("/api/v1/token/rotate").handler(this::rotateToken);
    router.get("/api/v1/status").handler(ctx -> json(ctx, 200, status.status()));
    router.get("/api/v1/frames").handler(this::frames);
    router.get("/api/v1/frames/:seq").handler(this::frame);
    router.get("/api/v1/frames/:seq/image").handler(this::image);
    router.get("/api/v1/frames/:seq/text").handler(this::frameText);
    router.get("/api/v1/insights").handler(this::insights);
    router.get("/api/v1/events").handler(this::events);
    router.get("/api/v1/activity").handler(this::activity);
    router.post("/api/v1/pause").handler(this::pause);
    router.post("/api/v1/resume").handler(ctx -> json(ctx, 200, pause.resume()));
    router
        .get("/api/v1/openapi.yaml")
        .handler(ctx -> ctx.response().putHeader("Content-Type", "application/yaml").end(openApi));
    config.mount(router);
    search.mount(router);
    moreRoutes.accept(router);
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
              .createHttpServer(
                  new HttpServerOptions()
                      .setHost(host)
                      .setPort(port)
                      .setIdleTimeout((int) IDLE_TIMEOUT.toSeconds())
                      .setMaxInitialLineLength(MAX_LINE_BYTES)
                      .setMaxHeaderSize(MAX_HEADER_BYTES)
                      // HTTP/1.1 only: an h2c request carries its host in :authority, which
                      // the Host check below would not see.
                      .setHttp2ClearTextEnabled(false))
              .connectionHandler(this::admit)
              .requestHandler(
                  request -> {
                    requested.add(request.connection());
                    if (hostAllowed(request) && queryDecodes(request)) {
                      router.handle(request);
                    }
                  })
              .invalidRequestHandler(ApiServer::invalidRequest)
              .listen()
              .toCompletionStage()
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof BindException
          || String.valueOf(cause.getMessage()).contains("Address already in use")) {
        throw portInUse(host, port, cause);
      }
      throw new StartupException(
          "cannot listen on " + host + ":" + port + ": " + cause.getMessage(),
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

  public int port() {
    return server.actualPort();
  }

  /**
   * Routes of another package (the MCP endpoint, the page) to mount with the rest, in the order
   * given; before {@link #start}.
   */
  public void mountAlso(java.util.function.Consumer<Router> routes) {
    this.moreRoutes = moreRoutes.andThen(routes);
  }

  /** host:port where this process reaches its own API (loopback for a wildcard address). */
  public String selfAddress() {
    String host = bindAddress(settings);
    host =
        switch (host) {
          case "0.0.0.0" -> "127.0.0.1";
          case "::", "0:0:0:0:0:0:0:0" -> "[::1]";
          default -> host.contains(":") ? "[" + host + "]" : host;
        };
    return host + ":" + port();
  }

  /** "METHOD /path/{param}" of every route with a path, as OpenAPI writes them. */
  List<String> routes() {
    List<String> routes = new java.util.ArrayList<>();
    for (var route : router.getRoutes()) {
      if (route.getPath() == null || route.methods() == null) {
        continue;
      }
      String path = route.getPath().replaceAll(":([A-Za-z]+)", "{$1}");
      route.methods().forEach(m -> routes.add(m.name() + " " + path));
    }
    return routes;
  }

  /**
   * Refuses the address and port before anything else of the daemon is opened: the address as
   * {@link #bindAddress} checks it, and a port another process listens on, found by binding it and
   * letting go at once. The API binds it for good once the rest has started; a process that takes
   * it in between gets the same one-line error then.
   *
   * @throws StartupException saying what is wrong
   */
  public static void checkAddressAndPort(ApiSettings settings, int port) {
    String host = bindAddress(settings);
    if (port == 0) {
      return; // any free port
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true); // as the server binds: a closed connection's port is free
      probe.bind(new InetSocketAddress(InetAddress.getByName(host), port));
    } catch (BindException e) {
      throw portInUse(host, port, e);
    } catch (IOException e) {
      throw new StartupException(
          "cannot listen on " + host + ":" + port + ": " + e.getMessage(), ExitCodes.FAILURE, e);
    }
  }

  private static StartupException portInUse(String host, int port, Throwable cause) {
    return new StartupException(
        "port "
            + port
            + " on "
            + host
            + " is already in use; stop what holds it or choose another with --port or api.port",
        ExitCodes.FAILURE,
        cause);
  }

  /**
   * The address to listen on: {@code api.bindAddress}, which must be an IP address, and a loopback
   * one unless {@code api.allowRemote}.
   */
  public static String bindAddress(ApiSettings settings) {
    String text = settings.bindAddress().trim();
    InetAddress address;
    try {
      if (!text.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
        throw new UnknownHostException(text);
      }
      address = InetAddress.getByName(text); // a literal: no name lookup
    } catch (UnknownHostException e) {
      throw new StartupException(
          "api.bindAddress: \""
              + text
              + "\" is not an IP address (expected e.g. 127.0.0.1, ::1 or 0.0.0.0)",
          ExitCodes.USAGE,
          e);
    }
    if (!address.isLoopbackAddress() && !settings.allowRemote()) {
      throw new StartupException(
          "api.bindAddress: "
              + text
              + " is not a loopback address; the API serves your screen history, so listening"
              + " where other machines can reach it needs api.allowRemote: true as well (the"
              + " bearer token is required either way)",
          ExitCodes.USAGE,
          null);
    }
    return text;
  }

  private static String openApiDocument() {
    try (InputStream in = ApiServer.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the OpenAPI document is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Routes that need no token: liveness, and the proof that lets a client trust this server. */
  private static final Set<String> OPEN_PATHS =
      Set.of("/api/v1/health", "/api/v1/proof", "/api/v1/session");

  /**
   * The header the page sends with every request that changes something: a cross-site form or image
   * cannot set it, and a cross-site script that tries needs a preflight, which fails.
   */
  public static final String PAGE_HEADER = "X-Ironcliw-Request";

  /** The page and its files: no data in them, so served without a session. */
  private static boolean isPage(String path) {
    return path.equals("/") || path.startsWith("/app/");
  }

  /**
   * Whether the page's session cookie stands for the token on {@code path}: the API's data and
   * actions, but not minting codes or rotating the token (the CLI's work, with the token itself).
   */
  private static boolean pageMayUse(String path) {
    return path.startsWith("/api/v1/")
        && !path.equals("/api/v1/token/rotate")
        && !path.equals("/api/v1/signin/code");
  }

  private static boolean changesState(io.vertx.core.http.HttpMethod method) {
    return !(method.equals(io.vertx.core.http.HttpMethod.GET)
        || method.equals(io.vertx.core.http.HttpMethod.HEAD)
        || method.equals(io.vertx.core.http.HttpMethod.OPTIONS));
  }

  /**
   * {@code GET /api/v1/proof?nonce=HEX}: proves to a local client that this server holds the token
   * before the client sends it ({@link TokenProof}), for the port the request came in on.
   */
  private void proof(RoutingContext ctx) {
    String nonce = ctx.request().getParam("nonce");
    if (!TokenProof.validNonce(nonce)) {
      ApiError.send(
          ctx,
          400,
          "bad_request",
          "nonce: expected "
              + TokenProof.MIN_NONCE_BYTES
              + " to "
              + TokenProof.MAX_NONCE_BYTES
              + " random bytes in hex");
      return;
    }
    int port = ctx.request().localAddress().port();
    json(ctx, 200, new JsonObject().put("proof", token.proof(port, nonce)).put("port", port));
  }

  /**
   * {@code POST /api/v1/token/rotate}: a new token in the token file, in force at once; the old one
   * is refused from the next request on. The answer never holds the token.
   */
  private void rotateToken(RoutingContext ctx) {
    blocking(
            () -> {
              token.rotate();
              sessions.endAll();
              return null;
            })
        .onSuccess(
            v -> {
              LOG.info("API token rotated; the new one is in the token file");
              json(ctx, 200, new JsonObject().put("rotated", true));
            })
        .onFailure(ctx::fail);
  }

  /**
   * A new connection: closed at once past {@link #MAX_CONNECTIONS}, and closed after {@link
   * #HEADER_TIMEOUT} unless a request has come by then (headers sent a byte at a time keep the idle
   * timeout from firing, but not this).
   */
  private void admit(HttpConnection connection) {
    if (connections.incrementAndGet() > MAX_CONNECTIONS) {
      connections.decrementAndGet();
      connection.close();
      return;
    }
    long timer =
        vertx.setTimer(
            HEADER_TIMEOUT.toMillis(),
            id -> {
              if (!requested.contains(connection)) {
                connection.close();
              }
            });
    connection.closeHandler(
        v -> {
          connections.decrementAndGet();
          requested.remove(connection);
          vertx.cancelTimer(timer);
        });
  }

  /** A Host header: a bracketed IPv6 address or a name, and a port. */
  private static final Pattern HOST_HEADER =
      Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+)(?::[0-9]{1,5})?");

  /**
   * Before anything else reads the request: its Host must be a loopback name or address (or the
   * bind address), which defeats DNS rebinding; an HTTP/1.1 request must have one. Answered here
   * with 400 or 403 when not, before Vert.x itself parses the Host.
   */
  private boolean hostAllowed(HttpServerRequest request) {
    String host = request.getHeader("Host");
    if (host == null) {
      if (request.version() == HttpVersion.HTTP_1_0) {
        return true; // HTTP/1.0 may leave it out; no browser does
      }
      ApiError.send(request.response(), 400, "bad_request", "a Host header is required");
      return false;
    }
    Matcher parts = HOST_HEADER.matcher(host);
    if (!parts.matches() || !allowedHosts.contains(parts.group(1).toLowerCase(Locale.ROOT))) {
      ApiError.send(
          request.response(),
          403,
          "forbidden_host",
          "requests must be addressed to 127.0.0.1 or localhost");
      return false;
    }
    return true;
  }

  private void guard(RoutingContext ctx) {
    String origin = ctx.request().getHeader("Origin");
    if (origin != null && !isLoopbackOrigin(origin)) {
      ApiError.send(ctx, 403, "forbidden_origin", "cross-origin requests are refused");
      return;
    }
    String length = ctx.request().getHeader("Content-Length");
    if (length != null && !length.matches("\\d{1,18}")) {
      ApiError.send(ctx, 400, "bad_request", "Content-Length: \"" + length + "\" is not a size");
      return;
    }
    if (length != null && Long.parseLong(length) > ApiParams.MAX_BODY_BYTES) {
      Runnable refuse =
          () ->
              ApiError.send(
                  ctx,
                  413,
                  "too_large",
                  "request body of "
                      + length
                      + " bytes; at most "
                      + ApiParams.MAX_BODY_BYTES
                      + " are accepted");
      if (Long.parseLong(length) <= DISCARDED_BODY_MAX_BYTES) {
        // Read and thrown away first: closing on a client still sending resets the connection,
        // and the reset can destroy the 413 before the client reads it.
        ctx.request().handler(ignored -> {});
        ctx.request().endHandler(v -> refuse.run());
        ctx.request().resume();
      } else {
        // Closed once answered: a body this large is never read.
        ctx.response()
            .putHeader("Connection", "close")
            .endHandler(v -> ctx.request().connection().close());
        refuse.run();
      }
      return;
    }
    // Authenticated requests and the rest are charged to separate buckets, so a flood without the
    // token cannot use up the rate of the clients that have it.
    String authorization = ctx.request().getHeader("Authorization");
    boolean bearer = token.accepts(authorization);
    boolean session =
        !bearer
            && authorization == null
            && pageMayUse(ctx.request().path())
            && sessions.accepts(BrowserSessions.sessionOf(ctx.request(), port()));
    boolean authenticated = bearer || session;
    boolean open = OPEN_PATHS.contains(ctx.request().path()) || isPage(ctx.request().path());
    ClientRateLimit bucket = authenticated ? rateLimit : unauthenticatedRateLimit;
    long waitNanos = bucket.tryAcquire(clientOf(ctx), System.nanoTime());
    if (waitNanos > 0) {
      long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
      ctx.response().putHeader("Retry-After", Long.toString(seconds));
      ApiError.send(
          ctx,
          429,
          "rate_limited",
          (authenticated
                  ? "more than api.rateLimit (" + settings.requestsPerSecond() + " requests"
                  : "more than " + UNAUTHENTICATED_PER_SECOND + " requests without the token")
              + " per second from this address; retry after "
              + seconds
              + " s");
      return;
    }
    if (session
        && changesState(ctx.request().method())
        && ctx.request().getHeader(PAGE_HEADER) == null) {
      ApiError.send(
          ctx,
          403,
          "forbidden",
          "a request that changes something, sent with the page's session cookie, needs the "
              + PAGE_HEADER
              + " header");
      return;
    }
    if (!open && !authenticated) {
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

  /**
   * A request HTTP itself could not parse (a request line or headers too long, a malformed target):
   * the same JSON error as the rest, then the connection is closed.
   */
  private static void invalidRequest(HttpServerRequest request) {
    var decoded = request.decoderResult();
    if (decoded == null || decoded.isSuccess()) {
      HttpServerRequest.DEFAULT_INVALID_REQUEST_HANDLER.handle(request);
      return;
    }
    Throwable cause = decoded.cause();
    int status;
    String code;
    String message;
    if (cause instanceof io.netty.handler.codec.http.TooLongHttpLineException) {
      status = 414;
      code = "uri_too_long";
      message = "request line over " + MAX_LINE_BYTES + " bytes";
    } else if (cause instanceof io.netty.handler.codec.http.TooLongHttpHeaderException) {
      status = 431;
      code = "headers_too_large";
      message = "request headers over " + MAX_HEADER_BYTES + " bytes";
    } else {
      status = 400;
      code = "bad_request";
      message = "not a valid HTTP request: " + cause.getMessage();
    }
    ApiError.send(request.response().putHeader("Connection", "close"), status, code, message);
  }

  /**
   * False, having answered 400, when the query string is not valid percent-encoding (the router
   * would answer it in plain text).
   */
  private static boolean queryDecodes(HttpServerRequest request) {
    String query = request.query();
    if (query == null) {
      return true;
    }
    try {
      java.net.URLDecoder.decode(query, StandardCharsets.UTF_8);
      return true;
    } catch (IllegalArgumentException e) {
      ApiError.send(
          request.response(),
          400,
          "bad_request",
          "the query string is not valid percent-encoding (" + e.getMessage() + ")");
      return false;
    }
  }

  private static String clientOf(RoutingContext ctx) {
    var remote = ctx.request().remoteAddress();
    return remote == null ? "" : remote.hostAddress();
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
    blocking(() -> journal.query(query))
        .onSuccess(
            page -> {
              JsonArray frames = new JsonArray();
              page.frames().forEach(r -> frames.add(frameJson(r)));
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
    blocking(() -> journal.find(seq))
        .onSuccess(
            found ->
                found.ifPresentOrElse(
                    r -> json(ctx, 200, frameJson(r)),
                    () -> ApiError.send(ctx, 404, "not_found", "no frame with seq " + seq)))
        .onFailure(ctx::fail);
  }

  private void frameText(RoutingContext ctx) {
    long seq = parseSeq(ctx.pathParam("seq"), "seq");
    blocking(
            () ->
                journal
                    .find(seq)
                    .map(
                        r ->
                            FrameTextJson.of(
                                r, VisibleText.at(journal, seq, r.display()), journal::windowOf)))
        .onSuccess(
            found ->
                found.ifPresentOrElse(
                    json -> json(ctx, 200, json),
                    () -> ApiError.send(ctx, 404, "not_found", "no frame with seq " + seq)))
        .onFailure(ctx::fail);
  }

  private void image(RoutingContext ctx) {
    long seq = parseSeq(ctx.pathParam("seq"), "seq");
    ImageRequest request =
        ImageRequest.parse(
            ctx.request().getParam("region"),
            ctx.request().getParam("scale"),
            ctx.request().getParam("format"));
    String highlight = ctx.request().getParam("highlight");
    WordMatcher words = highlight == null ? null : WordMatcher.of(highlight, "highlight");
    blocking(() -> image(seq, request, words))
        .onSuccess(
            result -> {
              if (result.status() == 200) {
                if (words != null) {
                  ctx.response().putHeader("X-Ironcliw-Highlighted", result.highlighted() + "");
                }
                ctx.response().putHeader("X-Ironcliw-Secrets-Masked", result.masked() + "");
                ctx.response()
                    .putHeader("Content-Type", request.format().contentType())
                    .putHeader("X-Ironcliw-Image-Source", result.source())
                    .end(Buffer.buffer(result.bytes()));
              } else {
                ApiError.send(
                    ctx,
                    result.status(),
                    result.status() == 404 ? "not_found" : "gone",
                    result.source());
              }
            })
        .onFailure(ctx::fail);
  }

  private JsonObject frameJson(FrameRecord r) {
    ContextEventRecord context = journal.contextOf(r.seq());
    boolean known = context != null && !context.excluded();
    boolean keyframe = journal.hasKeyframe(r.seq());
    return FrameJson.of(r)
        .put("keyframe", keyframe)
        .put(
            "image",
            FrameImages.inRing(ring, r.ringPosition(), r.fingerprint())
                ? "ring"
                : keyframe ? "keyframe" : null)
        .put("app", known ? context.app() : null)
        .put("window", known ? context.window() : null);
  }

  /** On a worker: the frame from the ring while it is there, else its keyframe. */
  private ImageResult image(long seq, ImageRequest request, WordMatcher highlight) {
    var record = journal.find(seq);
    if (record.isEmpty()) {
      return new ImageResult(404, "no frame with seq " + seq, null, 0, 0);
    }
    FrameRecord r = record.get();
    BufferedImage image = FrameImages.fromRing(ring, r.ringPosition(), r.fingerprint());
    String source = "ring";
    if (image == null) {
      var keyframe = journal.keyframe(seq);
      if (keyframe.isEmpty()) {
        long nearest = journal.keyframeAtOrBefore(seq);
        return new ImageResult(
            410,
            "frame "
                + seq
                + " is no longer in the frame ring and has no keyframe (only CHANGE frames get"
                + " one); its record is still at /api/v1/frames/"
                + seq
                + (nearest < 0 ? "" : "; the nearest earlier keyframe is frame " + nearest),
            null,
            0,
            0);
      }
      image = FrameImages.decode(keyframe.get().jpeg());
      source = "keyframe";
    }
    // No secret the text reader redacted leaves in an image either: an assistant over MCP asks
    // here.
    List<Rect> secrets =
        SecretBoxes.of(journal, seq, r.display(), r.capturedAtNanos() + SECRETS_READ_WITHIN_NANOS);
    FrameImages.paintOver(image, r.width(), secrets);
    int highlighted = 0;
    if (highlight != null) {
      List<Rect> boxes = new ArrayList<>();
      for (VisibleText.Line v : VisibleText.at(journal, seq, r.display())) {
        for (TextWord w : v.line().words()) {
          if (highlight.matches(w.text())) {
            boxes.add(w.box());
          }
        }
      }
      FrameImages.highlight(image, r.width(), boxes);
      highlighted = boxes.size();
    }
    return new ImageResult(
        200,
        source,
        FrameImages.render(image, r.width(), r.height(), request),
        highlighted,
        secrets.size());
  }

  private void insights(RoutingContext ctx) {
    int limit = parseLimit(ctx);
    Long from = optionalTime(ctx, "from");
    Long to = optionalTime(ctx, "to");
    checkTimeRange(from, to);
    blocking(() -> journal.insights(from, to, limit))
        .onSuccess(
            found -> {
              JsonArray insights = new JsonArray();
              found.forEach(r -> insights.add(InsightJson.of(r)));
              json(ctx, 200, new JsonObject().put("insights", insights));
            })
        .onFailure(ctx::fail);
  }

  /** Spans of the focused window, oldest first. */
  private void activity(RoutingContext ctx) {
    int limit = parseLimit(ctx);
    Long from = optionalTime(ctx, "from");
    Long to = optionalTime(ctx, "to");
    checkTimeRange(from, to);
    JsonArray spans = new JsonArray();
    for (ActivitySpan span : journal.activity(from, to, limit)) {
      spans.add(
          new JsonObject()
              .put("app", span.excluded() ? null : span.app())
              .put("window", span.excluded() ? null : span.window())
              .put("excluded", span.excluded())
              .put("display", span.display())
              .put("from", FrameJson.isoTime(span.fromNanos()))
              .put("to", FrameJson.isoTime(span.toNanos()))
              .put("fromSeq", span.fromSeq())
              .put("frames", span.frames())
              .put("changes", span.changes()));
    }
    json(ctx, 200, new JsonObject().put("spans", spans));
  }

  private void events(RoutingContext ctx) {
    Set<RecordKind> kinds = eventKinds(ctx.request().getParam("kind"));
    int limit = parseLimit(ctx);
    Long from = optionalTime(ctx, "from");
    Long to = optionalTime(ctx, "to");
    checkTimeRange(from, to);
    blocking(() -> journal.events(e -> kinds.contains(RecordKind.of(e)), from, to, limit))
        .onSuccess(
            found -> {
              JsonArray events = new JsonArray();
              found.forEach(e -> events.add(EventJson.of(e)));
              json(ctx, 200, new JsonObject().put("events", events));
            })
        .onFailure(ctx::fail);
  }

  /**
   * The journaled event kinds {@code kind} names (capture, context, pressure, retention, forget);
   * all when it is empty.
   */
  private static Set<RecordKind> eventKinds(String text) {
    Set<RecordKind> journaled =
        EnumSet.of(
            RecordKind.CAPTURE,
            RecordKind.CONTEXT,
            RecordKind.PRESSURE,
            RecordKind.RETENTION,
            RecordKind.FORGET);
    String noun = "an event kind";
    String choices = "capture, context, pressure, retention or forget";
    Set<RecordKind> kinds = ApiParams.enumList(text, RecordKind.class, "kind", noun, choices);
    for (RecordKind kind : kinds) {
      if (!journaled.contains(kind)) {
        throw new IllegalArgumentException(
            "kind: \"" + kind.eventName() + "\" is not " + noun + " (expected " + choices + ")");
      }
    }
    return kinds.isEmpty() ? journaled : kinds;
  }

  private void pause(RoutingContext ctx) {
    String text = ctx.request().getParam("for");
    Duration duration = null;
    if (text != null) {
      try {
        duration = Units.parseDuration(text);
      } catch (IllegalArgumentException e) {
        duration = Duration.ZERO;
      }
      if (duration.compareTo(Duration.ofSeconds(1)) < 0
          || duration.compareTo(UserPause.LONGEST) > 0) {
        throw new IllegalArgumentException(
            "for: \""
                + text
                + "\" is not a pause length (expected a duration from 1s to 7d, e.g. 10m)");
      }
    }
    json(ctx, 200, pause.pause(duration));
  }

  /**
   * Runs {@code work} on a worker thread, unordered: requests from one event loop would otherwise
   * wait for each other's journal reads.
   */
  private <T> Future<T> blocking(Callable<T> work) {
    return vertx.executeBlocking(work, false);
  }

  /** Bad request parameters (thrown as IllegalArgumentException) are 400; anything else 500. */
  private static void failure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof IllegalArgumentException) {
      ApiError.send(ctx, 400, "bad_request", failure.getMessage());
    } else if (failure == null && ctx.statusCode() == 503) {
      ApiError.send(ctx, 503, "timeout", "the request took longer than api.requestTimeout");
    } else if (failure == null && ctx.statusCode() == 413) {
      ApiError.send(
          ctx,
          413,
          "too_large",
          "request body over " + ApiParams.MAX_BODY_BYTES + " bytes is refused");
    } else if (failure == null) {
      ApiError.send(ctx, ctx.statusCode(), "error", "request failed with " + ctx.statusCode());
    } else {
      ApiError.send(ctx, 500, "internal", "internal error: " + failure.getMessage());
    }
  }

  /**
   * The outcome of an image request, computed off the event loop.
   *
   * @param source where the pixels came from (ring, keyframe), or the error message
   * @param highlighted how many word boxes were drawn
   * @param masked how many secrets' boxes were painted over
   */
  private record ImageResult(
      int status, String source, byte[] bytes, int highlighted, int masked) {}

  static int parseLimit(RoutingContext ctx) {
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
    if (fromSeq != null && toSeq != null && fromSeq > toSeq) {
      throw new IllegalArgumentException(
          "fromSeq: " + fromSeq + " is after toSeq: " + toSeq + " (expected fromSeq <= toSeq)");
    }
    Long start = fromSeq;
    if (cursor != null && (start == null || cursor > start)) {
      start = cursor;
    }
    Long from = optionalTime(ctx, "from");
    Long to = optionalTime(ctx, "to");
    checkTimeRange(from, to);
    return new FrameQuery(
        start,
        toSeq,
        from,
        to,
        verdicts(ctx.request().getParam("verdict")),
        optionalDisplay(ctx),
        optionalText(ctx, "app", "an application name"),
        limit);
  }

  /**
   * An optional text parameter of 1 to 256 characters, or null.
   *
   * @param what what it is, for the error: {@code an application name}
   */
  static String optionalText(RoutingContext ctx, String name, String what) {
    String value = ctx.request().getParam(name);
    if (value == null) {
      return null;
    }
    if (value.isBlank() || value.length() > 256) {
      throw new IllegalArgumentException(
          name
              + ": "
              + (value.isBlank() ? "empty" : value.length() + " characters")
              + " is not "
              + what
              + " (expected 1 to 256 characters)");
    }
    return value;
  }

  /**
   * @throws IllegalArgumentException naming from and to when from is after to
   */
  static void checkTimeRange(Long from, Long to) {
    if (from != null && to != null && from > to) {
      throw new IllegalArgumentException(
          "from: "
              + FrameJson.isoTime(from)
              + " is after to: "
              + FrameJson.isoTime(to)
              + " (expected from <= to)");
    }
  }

  static Integer optionalDisplay(RoutingContext ctx) {
    String text = ctx.request().getParam("display");
    if (text == null) {
      return null;
    }
    try {
      int display = Integer.parseInt(text);
      if (display >= 0 && display < MAX_DISPLAYS) {
        return display;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "display: \""
            + text
            + "\" is not a display index (expected 0 to "
            + (MAX_DISPLAYS - 1)
            + ", an index into status.capture.displays)");
  }

  private static Long optionalSeq(RoutingContext ctx, String name) {
    String text = ctx.request().getParam(name);
    return text == null ? null : parseSeq(text, name);
  }

  static long parseSeq(String text, String name) {
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

  private static final Instant FIRST_TIME = Instant.ofEpochSecond(0, Long.MIN_VALUE);
  private static final Instant LAST_TIME = Instant.ofEpochSecond(0, Long.MAX_VALUE);

  static Long optionalTime(RoutingContext ctx, String name) {
    String text = ctx.request().getParam(name);
    if (text == null) {
      return null;
    }
    Instant instant;
    try {
      instant = Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          name + ": \"" + text + "\" is not a time (expected ISO-8601, e.g. 2026-11-22T14:00:00Z)");
    }
    // The journal keeps times as nanoseconds since 1970 in a long: 1677-09-21 to 2262-04-11.
    if (instant.isBefore(FIRST_TIME) || instant.isAfter(LAST_TIME)) {
      throw new IllegalArgumentException(
          name
              + ": \""
              + text
              + "\" is outside the times the journal holds (expected from "
              + FIRST_TIME
              + " to "
              + LAST_TIME
              + ")");
    }
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  private static Set<Verdict> verdicts(String text) {
    return ApiParams.enumList(
        text, Verdict.class, "verdict", "a verdict", "DUPLICATE, REVISIT, MINOR or CHANGE");
  }

  static void json(RoutingContext ctx, int status, JsonObject body) {
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

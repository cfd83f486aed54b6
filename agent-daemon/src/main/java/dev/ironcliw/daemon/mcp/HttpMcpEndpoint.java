package dev.ironcliw.daemon.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * The MCP server on the daemon's own port: {@code POST /mcp} takes one JSON-RPC message and answers
 * it as JSON (the Streamable HTTP transport without sessions or server-sent streams; {@code GET
 * /mcp} is 405, as the transport allows). The API's guard runs first, so the bearer token, Host and
 * Origin checks hold as for every route. The tools are {@link ScreenTools}, asking the API over
 * loopback with the caller's own token: nothing here holds the token.
 */
public final class HttpMcpEndpoint implements McpStatelessServerTransport {
  public static final String PATH = "/mcp";
  private static final String TOKEN = "token";
  private static final int MAX_BODY_BYTES = 64 * 1024;

  private final Vertx vertx;
  private final McpJsonMapper json = McpJsonDefaults.getMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(HttpDaemonApi.TIMEOUT).build();
  private volatile McpStatelessServerHandler handler;
  private volatile boolean closing;
  private McpStatelessSyncServer server;

  private HttpMcpEndpoint(Vertx vertx) {
    this.vertx = vertx;
  }

  /**
   * The endpoint and its server.
   *
   * @param where host:port of the API, once it listens
   */
  public static HttpMcpEndpoint create(Vertx vertx, Supplier<String> where, String version) {
    HttpMcpEndpoint endpoint = new HttpMcpEndpoint(vertx);
    Clock clock = Clock.systemUTC();
    List<McpStatelessServerFeatures.SyncToolSpecification> tools =
        new ScreenTools(null, clock)
            .tools().stream()
                .map(
                    tool ->
                        McpStatelessServerFeatures.SyncToolSpecification.builder()
                            .tool(tool)
                            .callHandler(
                                (context, request) ->
                                    new ScreenTools(endpoint.api(where.get(), context), clock)
                                        .call(request.name(), request.arguments()))
                            .build())
                .toList();
    endpoint.server =
        McpServer.sync(endpoint)
            .serverInfo(StdioMcpServer.NAME, version)
            .instructions(StdioMcpServer.INSTRUCTIONS)
            .capabilities(ServerCapabilities.builder().tools(false).resources(false, false).build())
            .tools(tools)
            .resources(
                Map.of(
                    CurrentScreen.URI,
                    new McpStatelessServerFeatures.SyncResourceSpecification(
                        CurrentScreen.resource(),
                        (context, request) ->
                            CurrentScreen.read(endpoint.api(where.get(), context)))))
            .build();
    return endpoint;
  }

  /** The API as the caller may use it: with the token it sent. */
  private DaemonApi api(String where, McpTransportContext context) {
    return new HttpDaemonApi(where, client -> (String) context.get(TOKEN), http);
  }

  /** Adds {@code POST /mcp} to the API's router; any other method there is a 405. */
  public void mount(Router router) {
    router
        .post(PATH)
        .handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES))
        .handler(this::post);
    router
        .route(PATH)
        .handler(ctx -> ctx.response().setStatusCode(405).putHeader("Allow", "POST").end());
  }

  private void post(RoutingContext ctx) {
    if (closing || handler == null) {
      ctx.response().setStatusCode(503).end();
      return;
    }
    String authorization = ctx.request().getHeader("Authorization");
    String token = authorization.substring(authorization.indexOf(' ') + 1).trim();
    String body = ctx.body().asString();
    vertx
        .executeBlocking(() -> answer(token, body), false)
        .onSuccess(
            answer -> {
              if (answer == null) {
                ctx.response().setStatusCode(202).end();
              } else {
                ctx.response()
                    .setStatusCode(200)
                    .putHeader("Content-Type", "application/json")
                    .end(answer);
              }
            })
        .onFailure(ctx::fail);
  }

  /** The JSON-RPC answer to {@code body}, or null for a notification. */
  private String answer(String token, String body) throws IOException {
    McpSchema.JSONRPCMessage message;
    try {
      message = McpSchema.deserializeJsonRpcMessage(json, body == null ? "" : body);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "body: not a JSON-RPC message (expected one request or notification)");
    }
    McpTransportContext context = McpTransportContext.create(Map.of(TOKEN, token));
    if (message instanceof McpSchema.JSONRPCRequest request) {
      McpSchema.JSONRPCResponse response =
          handler
              .handleRequest(context, request)
              .contextWrite(c -> c.put(McpTransportContext.KEY, context))
              .block();
      return json.writeValueAsString(response);
    }
    if (message instanceof McpSchema.JSONRPCNotification notification) {
      handler
          .handleNotification(context, notification)
          .contextWrite(c -> c.put(McpTransportContext.KEY, context))
          .block();
      return null;
    }
    throw new IllegalArgumentException(
        "body: a response; this endpoint takes requests and notifications");
  }

  @Override
  public void setMcpHandler(McpStatelessServerHandler mcpHandler) {
    this.handler = mcpHandler;
  }

  @Override
  public Mono<Void> closeGracefully() {
    return Mono.fromRunnable(
        () -> {
          closing = true;
          http.close();
        });
  }

  /** The transport's end, when its server closes. */
  @Override
  public void close() {
    closing = true;
    http.close();
  }

  /** Stops answering: closes the server, which closes this transport. */
  public void stop() {
    closing = true;
    server.close();
  }
}

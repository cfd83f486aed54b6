package dev.ironcliw.daemon.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The page a person opens to look back at their screen: {@code GET /} and its files under {@code
 * /app/}, read once from the classpath ({@code /page/}), served with a Content-Security-Policy that
 * lets it load nothing but its own files and the daemon's API. The files hold no data, so they are
 * served without a session; what the page shows comes from the API, which wants one.
 */
public final class PageRoutes {
  /** Every file of the page; nothing else under /app/ is served. */
  static final List<String> FILES =
      List.of(
          "index.html",
          "page.css",
          "main.js",
          "api.js",
          "format.js",
          "status.js",
          "privacy.js",
          "search.js",
          "timeline.js",
          "viewer.js",
          "feed.js");

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none';"
          + " form-action 'self'; frame-ancestors 'none'";

  private final Map<String, Buffer> files = new LinkedHashMap<>();

  private PageRoutes() {}

  /** The page's files, read now. */
  public static PageRoutes load() {
    PageRoutes routes = new PageRoutes();
    for (String name : FILES) {
      try (InputStream in = PageRoutes.class.getResourceAsStream("/page/" + name)) {
        if (in == null) {
          throw new IllegalStateException("the page's file /page/" + name + " is not in the jar");
        }
        routes.files.put(name, Buffer.buffer(in.readAllBytes()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the page's file " + name, e);
      }
    }
    return routes;
  }

  public void mount(Router router) {
    router.get("/").handler(ctx -> send(ctx, "index.html"));
    router.get("/app/:file").handler(ctx -> send(ctx, ctx.pathParam("file")));
  }

  private void send(RoutingContext ctx, String name) {
    Buffer body = files.get(name);
    if (body == null) {
      ctx.next(); // the API's 404
      return;
    }
    ctx.response()
        .putHeader("Content-Type", contentType(name))
        .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("Cache-Control", "no-cache")
        .end(body);
  }

  static String contentType(String name) {
    if (name.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    if (name.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    if (name.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    }
    throw new IllegalArgumentException("no content type for " + name);
  }
}

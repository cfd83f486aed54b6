package dev.ironcliw.daemon.api;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Signing a browser in without the token: {@code POST /api/v1/signin/code} (with the bearer token,
 * as {@code ironcliw open} sends it) makes a one-time code and the page's URL with it; {@code GET
 * /?code=...} trades the code for an {@code HttpOnly}, {@code SameSite=Strict} session cookie and
 * sends the browser on to the page without the code; {@code GET /api/v1/session} says whether the
 * browser has one; {@code POST /api/v1/signout} ends it.
 */
public final class SignInRoutes {
  private final BrowserSessions sessions;
  private final Supplier<String> where;
  private final Supplier<Integer> port;

  /**
   * @param where host:port of the page as this machine reaches it
   * @param port the port the daemon listens on, which names its cookie
   */
  public SignInRoutes(BrowserSessions sessions, Supplier<String> where, Supplier<Integer> port) {
    this.sessions = sessions;
    this.where = where;
    this.port = port;
  }

  /** Mounts the routes; {@code GET /} with a code is answered here, without one it goes on. */
  public void mount(Router router) {
    router.post("/api/v1/signin/code").handler(this::newCode);
    router.post("/api/v1/signout").handler(this::signOut);
    router.get("/api/v1/session").handler(this::session);
    router.get("/").handler(this::redeem);
  }

  private void newCode(RoutingContext ctx) {
    String code = sessions.newCode();
    ApiServer.json(
        ctx,
        200,
        new JsonObject()
            .put("url", "http://" + where.get() + "/?code=" + code)
            .put("expiresAt", Instant.now().plus(BrowserSessions.CODE_LIFETIME).toString()));
  }

  private void redeem(RoutingContext ctx) {
    String code = ctx.request().getParam("code");
    if (code == null) {
      ctx.next();
      return;
    }
    String session = sessions.redeem(code);
    ctx.response()
        .putHeader("Cache-Control", "no-store")
        .putHeader("Referrer-Policy", "no-referrer");
    if (session == null) {
      // The page says what went wrong; the code is not kept in the address bar.
      redirect(ctx, "/#signin=expired");
      return;
    }
    ctx.response()
        .addCookie(
            Cookie.cookie(BrowserSessions.cookieName(port.get()), session)
                .setPath("/")
                .setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT)
                .setMaxAge(BrowserSessions.SESSION_LIFETIME.toSeconds()));
    redirect(ctx, "/");
  }

  /** Whether the browser's cookie is a live session: the page's first question, never a 401. */
  private void session(RoutingContext ctx) {
    ApiServer.json(
        ctx,
        200,
        new JsonObject()
            .put(
                "signedIn",
                sessions.accepts(BrowserSessions.sessionOf(ctx.request(), port.get()))));
  }

  private void signOut(RoutingContext ctx) {
    String name = BrowserSessions.cookieName(port.get());
    sessions.end(BrowserSessions.sessionOf(ctx.request(), port.get()));
    ctx.response()
        .addCookie(
            Cookie.cookie(name, "")
                .setPath("/")
                .setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT)
                .setMaxAge(0));
    ApiServer.json(ctx, 200, new JsonObject().put("signedOut", true));
  }

  private static void redirect(RoutingContext ctx, String location) {
    ctx.response().setStatusCode(303).putHeader("Location", location).end();
  }
}

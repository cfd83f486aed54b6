package dev.ironcliw.daemon.api;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sign-in for the page: {@code ironcliw open} asks for a one-time code with the bearer token, the
 * browser trades the code for a session, and the session's cookie then stands for the token on the
 * routes the page uses. Codes and sessions live in memory only: a restart signs every browser out.
 * Thread-safe.
 */
public final class BrowserSessions {
  /** How long a code may wait for the browser. */
  public static final Duration CODE_LIFETIME = Duration.ofSeconds(60);

  /** How long a session lasts from sign-in. */
  public static final Duration SESSION_LIFETIME = Duration.ofHours(24);

  /** Codes and sessions held at once; the oldest goes first past these. */
  static final int MAX_CODES = 16;

  static final int MAX_SESSIONS = 32;

  private static final int SECRET_BYTES = 32;

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Long> codes = new LinkedHashMap<>(); // code -> expiry, epoch ms
  private final Map<String, Long> sessions = new LinkedHashMap<>(); // session id -> expiry

  /**
   * The session cookie's name for the daemon on {@code port}: cookies do not tell ports apart, so
   * two daemons on one machine would otherwise sign each other's browsers out.
   */
  public static String cookieName(int port) {
    return "ironcliw-session-" + port;
  }

  /** The session id {@code request} carries for the daemon on {@code port}, or null. */
  static String sessionOf(io.vertx.core.http.HttpServerRequest request, int port) {
    io.vertx.core.http.Cookie cookie = request.getCookie(cookieName(port));
    return cookie == null ? null : cookie.getValue();
  }

  public BrowserSessions(Clock clock) {
    this.clock = clock;
  }

  /** A new one-time code, good for {@link #CODE_LIFETIME}. */
  public synchronized String newCode() {
    String code = secret();
    put(codes, code, CODE_LIFETIME, MAX_CODES);
    return code;
  }

  /**
   * Trades a code for a new session id; null when the code is unknown, used or expired. A code
   * works once, whatever the outcome.
   */
  public synchronized String redeem(String code) {
    if (code == null) {
      return null;
    }
    Long expiry = codes.remove(code);
    if (expiry == null || expiry <= clock.millis()) {
      return null;
    }
    String session = secret();
    put(sessions, session, SESSION_LIFETIME, MAX_SESSIONS);
    return session;
  }

  /** Whether {@code session} is a live session id. */
  public synchronized boolean accepts(String session) {
    if (session == null) {
      return false;
    }
    Long expiry = sessions.get(session);
    if (expiry == null) {
      return false;
    }
    if (expiry <= clock.millis()) {
      sessions.remove(session);
      return false;
    }
    return true;
  }

  /** Ends one session (signing out). */
  public synchronized void end(String session) {
    if (session != null) {
      sessions.remove(session);
    }
  }

  /** Ends every session and code: the token changed, so what it vouched for goes too. */
  public synchronized void endAll() {
    sessions.clear();
    codes.clear();
  }

  synchronized int sessions() {
    return sessions.size();
  }

  private void put(Map<String, Long> into, String key, Duration lifetime, int max) {
    long now = clock.millis();
    into.values().removeIf(expiry -> expiry <= now);
    Iterator<String> oldest = into.keySet().iterator();
    while (into.size() >= max && oldest.hasNext()) {
      oldest.next();
      oldest.remove();
    }
    into.put(key, now + lifetime.toMillis());
  }

  private String secret() {
    byte[] bytes = new byte[SECRET_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}

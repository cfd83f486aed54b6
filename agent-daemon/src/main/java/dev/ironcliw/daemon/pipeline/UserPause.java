package dev.ironcliw.daemon.pipeline;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;

/**
 * The user's hold on capture ({@code POST /api/v1/pause} and {@code /resume}): until resumed, or
 * for a while. It is a hold of its own, so memory pressure easing does not end it, and it does not
 * end a hold that memory pressure has.
 */
public final class UserPause {
  static final String HOLDER = "user";
  public static final Duration LONGEST = Duration.ofDays(7);

  private final Vertx vertx;
  private final CaptureAgent capture;
  private boolean paused;
  private Instant until;
  private long timer = -1;

  public UserPause(Vertx vertx, CaptureAgent capture) {
    this.vertx = vertx;
    this.capture = capture;
  }

  /**
   * Holds capture, replacing an earlier pause's end.
   *
   * @param duration how long; null holds until {@link #resume}
   */
  public synchronized JsonObject pause(Duration duration) {
    cancelTimer();
    paused = true;
    until = duration == null ? null : Instant.now().plus(duration);
    capture.hold(
        HOLDER, duration == null ? "paused by the user" : "paused by the user until " + until);
    if (duration != null) {
      long id = vertx.setTimer(Math.max(1, duration.toMillis()), t -> expire());
      timer = id;
    }
    return state();
  }

  public synchronized JsonObject resume() {
    cancelTimer();
    if (paused) {
      paused = false;
      until = null;
      capture.release(HOLDER);
    }
    return state();
  }

  private synchronized void expire() {
    timer = -1;
    resume();
  }

  private void cancelTimer() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  /** {@code {"paused": bool, "until": ISO-8601 or null}}. */
  public synchronized JsonObject state() {
    return new JsonObject()
        .put("paused", paused)
        .put("until", until == null ? null : until.toString());
  }
}

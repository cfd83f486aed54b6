package dev.ironcliw.capture.macos;

import dev.ironcliw.flow.Backoff;
import dev.ironcliw.flow.RetrySchedule;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Screen Recording permission: checked with CGPreflightScreenCaptureAccess; when missing, one
 * clear line says what to do, CGRequestScreenCaptureAccess is called once (macOS shows its prompt),
 * and the check is retried with backoff (1 s doubling to 60 s) instead of exiting. macOS applies a
 * grant only to a process started after it, so a grant usually needs a restart; the state says so.
 * A grant can also be taken back while capture runs: ScreenCaptureKit then stops the streams, and
 * {@link #streamStopped} has the permission checked again at once; if it is gone, capture pauses
 * with {@link #REVOKED} and the checks back off as before. Used by the capture thread.
 */
final class ScreenCapturePermission {
  static final String HOW_TO_GRANT =
      "screen recording permission is missing: allow this terminal or Java in System Settings"
          + " > Privacy & Security > Screen Recording, then restart the daemon";
  static final String REVOKED =
      "screen recording permission was revoked while capturing: allow this terminal or Java again"
          + " in System Settings > Privacy & Security > Screen Recording, then restart the daemon";

  /** Waits between checks while the permission is missing: 1 s, doubling, at most 60 s. */
  static final Backoff CHECK_BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

  private static final Logger LOG = LoggerFactory.getLogger(ScreenCapturePermission.class);

  /** Where the permission stands. */
  enum State {
    UNKNOWN,
    GRANTED,
    WAITING
  }

  private final MacScreenApi api;
  private State state = State.UNKNOWN;
  private boolean requested;
  private final RetrySchedule checksWhileMissing = new RetrySchedule(CHECK_BACKOFF);
  private int checks;
  private boolean revoked;

  ScreenCapturePermission(MacScreenApi api) {
    this.api = api;
  }

  /** True when capture may run; checks the OS at most as often as the backoff allows. */
  boolean granted(long nowNanos) {
    if (state == State.GRANTED) {
      return true;
    }
    if (state == State.WAITING && !checksWhileMissing.due(nowNanos)) {
      return false;
    }
    checks++;
    if (api.preflightScreenCapture()) {
      if (state == State.WAITING) {
        LOG.info("screen recording permission granted; capture starts");
      }
      state = State.GRANTED;
      revoked = false;
      checksWhileMissing.reset();
      return true;
    }
    if (state == State.UNKNOWN && revoked) {
      LOG.warn(REVOKED);
    } else if (!requested) {
      LOG.warn(HOW_TO_GRANT);
      api.requestScreenCapture();
      requested = true;
    }
    state = State.WAITING;
    checksWhileMissing.failed(nowNanos);
    return false;
  }

  /**
   * A stream stopped: the permission may have been revoked, so the next {@link #granted} asks the
   * OS again at once, with the backoff from its start.
   */
  void streamStopped() {
    if (state == State.GRANTED) {
      state = State.UNKNOWN;
      revoked = true;
      checksWhileMissing.reset();
    }
  }

  /** Why capture waits: the permission never given, or given and taken back. */
  String reason() {
    return revoked ? REVOKED : HOW_TO_GRANT;
  }

  State state() {
    return state;
  }

  /** How often the OS was asked, for tests and status. */
  int checks() {
    return checks;
  }
}

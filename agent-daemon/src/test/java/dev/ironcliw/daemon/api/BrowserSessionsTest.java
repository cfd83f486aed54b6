package dev.ironcliw.daemon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** One-time codes and the sessions they become: once, for a while, all gone with the token. */
class BrowserSessionsTest {
  private final AtomicLong nowMillis = new AtomicLong(1_800_000_000_000L);
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return Instant.ofEpochMilli(nowMillis.get());
        }
      };

  private void wait(Duration d) {
    nowMillis.addAndGet(d.toMillis());
  }

  @Test
  void shouldTradeACodeOnceForASessionThatLastsADay() {
    BrowserSessions sessions = new BrowserSessions(clock);
    String code = sessions.newCode();
    assertTrue(code.length() >= 43, "256 random bits: " + code);
    String session = sessions.redeem(code);
    assertNotNull(session);
    assertNotEquals(code, session);
    assertNull(sessions.redeem(code), "a code works once");
    assertTrue(sessions.accepts(session));
    assertFalse(sessions.accepts(code), "a code is not a session");
    assertFalse(sessions.accepts(null));
    wait(BrowserSessions.SESSION_LIFETIME.minusSeconds(1));
    assertTrue(sessions.accepts(session));
    wait(Duration.ofSeconds(1));
    assertFalse(sessions.accepts(session), "a day later it is over");
  }

  @Test
  void shouldRefuseACodeAfterAMinute() {
    BrowserSessions sessions = new BrowserSessions(clock);
    String code = sessions.newCode();
    wait(BrowserSessions.CODE_LIFETIME);
    assertNull(sessions.redeem(code));
    assertNull(sessions.redeem(null));
    assertNull(sessions.redeem("made-up"));
  }

  @Test
  void shouldEndOneOrAllSessionsAndKeepAtMostTheNewest() {
    BrowserSessions sessions = new BrowserSessions(clock);
    String first = sessions.redeem(sessions.newCode());
    String second = sessions.redeem(sessions.newCode());
    sessions.end(first);
    assertFalse(sessions.accepts(first));
    assertTrue(sessions.accepts(second));
    String pending = sessions.newCode();
    sessions.endAll();
    assertFalse(sessions.accepts(second));
    assertNull(sessions.redeem(pending), "the token changed: its codes go too");
    String oldest = sessions.redeem(sessions.newCode());
    for (int i = 0; i < BrowserSessions.MAX_SESSIONS; i++) {
      sessions.redeem(sessions.newCode());
    }
    assertEquals(BrowserSessions.MAX_SESSIONS, sessions.sessions());
    assertFalse(sessions.accepts(oldest), "the oldest went first");
  }
}

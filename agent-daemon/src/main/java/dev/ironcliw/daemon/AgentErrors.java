package dev.ironcliw.daemon;

import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.errors.DistinctErrorLog;
import org.agrona.concurrent.errors.ErrorLogReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The capture and pipeline agents' error handler: every error goes into Agrona's {@link
 * DistinctErrorLog}, which keeps one record per distinct error (its type and stack trace) with a
 * count and the first and last time it was seen. An error is logged in full the first time it is
 * seen, and then every thousandth time as one line with its count, so a stage that fails on every
 * frame is visible without flooding the log at 10 frames a second. The agents keep running.
 * Thread-safe.
 */
final class AgentErrors implements ErrorHandler {
  private static final Logger LOG = LoggerFactory.getLogger(AgentErrors.class);

  /** Room for the distinct errors; past it an error is still counted and logged as new. */
  private static final int LOG_BYTES = 64 * 1024;

  private static final int LOG_EVERY = 1000;

  private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(LOG_BYTES));
  private final DistinctErrorLog log = new DistinctErrorLog(buffer, System::currentTimeMillis);
  private final AtomicLong errors = new AtomicLong();

  @Override
  public void onError(Throwable throwable) {
    long total = errors.incrementAndGet();
    int distinctBefore = distinct();
    boolean kept = log.record(throwable);
    if (!kept || distinct() > distinctBefore) {
      LOG.error("agent error (the agent keeps running; #{} in all)", total, throwable);
    } else if (total % LOG_EVERY == 0) {
      LOG.error(
          "agent errors: {} in all, {} distinct; the latest: {}", total, distinct(), throwable);
    }
  }

  /** Distinct errors kept so far. */
  int distinct() {
    return ErrorLogReader.read(buffer, (count, first, last, text) -> {});
  }

  /** For status: errors in all, and distinct ones. */
  JsonObject toJson() {
    return new JsonObject().put("total", errors.get()).put("distinct", distinct());
  }
}

package dev.ironcliw.daemon;

import java.util.concurrent.atomic.AtomicLong;
import org.agrona.ErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent's error handler: counts every error and logs the first few and then every thousandth, so
 * a failing stage is visible without flooding the log at 10 frames a second.
 */
final class CountingErrorHandler implements ErrorHandler {
  private static final Logger LOG = LoggerFactory.getLogger(CountingErrorHandler.class);
  private static final int LOG_FIRST = 10;

  private final String agent;
  private final AtomicLong errors = new AtomicLong();

  CountingErrorHandler(String agent) {
    this.agent = agent;
  }

  @Override
  public void onError(Throwable throwable) {
    long n = errors.incrementAndGet();
    if (n <= LOG_FIRST || n % 1000 == 0) {
      LOG.error("{} agent error #{} (it keeps running)", agent, n, throwable);
    }
  }

  long errors() {
    return errors.get();
  }
}

package dev.ironcliw.vision.flow;

/** Why a batch was not analysed; each is counted in status. */
public enum DropReason {
  /** The queue held vision.queue.batches already; the oldest made room. */
  QUEUE_FULL,
  /** The circuit breaker was open; only the newest batch waits for the probe. */
  BREAKER_OPEN,
  /** Its crops did not fit memory.budgets.visionQueue even with the queue emptied. */
  OVER_MEMORY_BUDGET,
  /** vision.limits.imagesPerHour would have been passed. */
  OVER_IMAGES_PER_HOUR,
  /** vision.limits.maxBytesPerHour would have been passed. */
  OVER_BYTES_PER_HOUR,
  /** vision.limits.dailyTokens is spent for today (UTC). */
  OVER_DAILY_TOKENS,
  /** The call failed after its retries, or the breaker refused it. */
  CALL_FAILED,
  /** Nothing left to send: every frame's pixels were overwritten before they were copied. */
  NO_IMAGES,
  /** Memory pressure reached CRITICAL and the queue was emptied. */
  MEMORY_PRESSURE,
  /** The daemon stopped with the batch still waiting. */
  SHUTDOWN
}

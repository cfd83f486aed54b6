package dev.ironcliw.daemon.status;

import io.vertx.core.json.JsonObject;
import java.util.function.Supplier;

/** One part of the status reply, under its own key. Thread-safe: read by API workers. */
public interface StatusPart {
  /** The key in the reply: {@code capture}, {@code ring}, ... */
  String key();

  /** The part now; {@code nowNanos} is {@link System#nanoTime()} as it is read. */
  JsonObject toJson(long nowNanos);

  /**
   * True for a part read before the others: the memory pressure level, so that a level in force
   * means its actions were applied before anything else of the reply is read.
   */
  default boolean readFirst() {
    return false;
  }

  /** A part that is one JSON object and needs no time. */
  static StatusPart of(String key, Supplier<JsonObject> json) {
    return new StatusPart() {
      @Override
      public String key() {
        return key;
      }

      @Override
      public JsonObject toJson(long nowNanos) {
        return json.get();
      }
    };
  }
}

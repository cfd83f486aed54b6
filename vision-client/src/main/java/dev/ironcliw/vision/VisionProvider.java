package dev.ironcliw.vision;

import java.util.List;

/** A vision LLM that analyses batches of changed frames. Called from the pipeline thread. */
public interface VisionProvider extends AutoCloseable {
  /** The provider's name for status, e.g. {@code none}. */
  String name();

  /** Takes one batch; must not block the caller for long. */
  void submit(List<BatchFrame> batch);

  /** What status shows; any thread. */
  VisionStatus status();

  /** Stops sending; batches still waiting are dropped. */
  @Override
  default void close() {}
}

package dev.ironcliw.vision;

import java.util.List;

/** A vision LLM that analyses batches of changed frames. Called from the pipeline thread. */
public interface VisionProvider {
  /** The provider's name for status, e.g. {@code none}. */
  String name();

  /** One line for status on what the provider does with batches. */
  String description();

  /** Takes one batch; must not block the caller for long. */
  void submit(List<BatchFrame> batch);

  /** Batches taken so far. */
  long batchesSubmitted();
}

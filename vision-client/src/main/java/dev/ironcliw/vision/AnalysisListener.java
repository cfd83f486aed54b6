package dev.ironcliw.vision;

/** Receives what the provider said on each batch; called on an HTTP client thread. */
@FunctionalInterface
public interface AnalysisListener {
  void onAnalysis(BatchAnalysis analysis);
}

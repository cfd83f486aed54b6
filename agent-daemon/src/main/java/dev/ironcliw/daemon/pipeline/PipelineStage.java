package dev.ironcliw.daemon.pipeline;

import java.util.Locale;

/** The pipeline's timed stages, each a tag of {@code ironcliw_pipeline_stage_seconds}. */
public enum PipelineStage {
  /** The tile diff against the display's previous frame (and region extraction). */
  DIFF,
  /** The dedup verdict: fingerprints, bloom and exact keys, volatility. */
  VERDICT,
  /** Features of the changed regions and the frame descriptor. */
  FEATURES,
  /**
   * Copying a CHANGE frame's images out of the ring for the vision stage: on the images thread, on
   * the pipeline thread only while the images thread is behind; not part of {@link #FRAME}.
   */
  IMAGES,
  /** Writing the frame's record to the journal. */
  JOURNAL,
  /** The whole of one frame on the pipeline thread, from its event to its journaled verdict. */
  FRAME;

  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}

package dev.ironcliw.daemon.text;

import dev.ironcliw.daemon.journal.record.TextLine;
import java.util.List;

/** Reads the text of an image. One thread uses an engine at a time. */
public interface TextEngine extends AutoCloseable {
  /** What {@code status.text.engine} says: {@code tesseract 5.3.0 (eng)}. */
  String description();

  /** The lines of {@code image}, with boxes in the frame's pixels; empty when there is no text. */
  List<TextLine> read(GreyImage image);

  /**
   * Ends a read in progress on another thread soon, with nothing read, and every read after it at
   * once: for shutdown, which then does not wait on a long read.
   */
  void cancel();

  @Override
  void close();
}

package dev.ironcliw.testing;

import org.opentest4j.TestAbortedException;

/** A test skipped because a native piece is missing; {@link NativeSkipListener} counts these. */
public final class NativePieceMissing extends TestAbortedException {
  private static final long serialVersionUID = 1L;

  private final NativePiece piece;

  NativePieceMissing(NativePiece piece, String message) {
    super(message);
    this.piece = piece;
  }

  public NativePiece piece() {
    return piece;
  }
}

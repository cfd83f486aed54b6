package dev.ironcliw.daemon;

/** Process exit statuses of the {@code ironcliw} command. */
final class ExitCodes {
  static final int OK = 0;

  /** Something failed at run time (port taken, data dir locked, I/O). */
  static final int FAILURE = 1;

  /** The command line or the configuration is wrong. */
  static final int USAGE = 2;

  private ExitCodes() {}
}

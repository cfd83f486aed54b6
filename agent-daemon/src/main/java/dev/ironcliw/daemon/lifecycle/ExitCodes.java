package dev.ironcliw.daemon.lifecycle;

/** Process exit statuses of the {@code ironcliw} command. */
public final class ExitCodes {
  public static final int OK = 0;

  /** Something failed at run time (port taken, data dir locked, I/O). */
  public static final int FAILURE = 1;

  /** The command line or the configuration is wrong. */
  public static final int USAGE = 2;

  private ExitCodes() {}
}

package dev.ironcliw.daemon.lifecycle;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Lowers the calling thread's scheduling priority for background work (text recognition, indexing),
 * so that it yields the cores to capture and to the API. {@link Thread#setPriority} does not do
 * this: HotSpot ignores Java priorities on Linux unless it runs as root with {@code
 * -XX:ThreadPriorityPolicy=1}. On Linux this sets the thread's nice value ({@code setpriority} on
 * its thread id, which needs no privilege to raise); on macOS it puts the thread in the utility
 * quality-of-service class. Elsewhere nothing is done.
 */
public final class BackgroundPriority {
  /** The nice value the background threads take on Linux (0 is normal, 19 the lowest). */
  public static final int NICE = 10;

  private static final int PRIO_PROCESS = 0;

  /** {@code QOS_CLASS_UTILITY} of {@code <sys/qos.h>}. */
  private static final int QOS_CLASS_UTILITY = 0x11;

  private interface LibC extends Library {
    int gettid();

    int setpriority(int which, int who, int priority);

    int getpriority(int which, int who);

    int pthread_set_qos_class_self_np(int qosClass, int relativePriority);
  }

  private BackgroundPriority() {}

  /**
   * Lowers the calling thread's priority.
   *
   * @return what was done, for status and the log: {@code nice 10}, {@code utility QoS}, or why
   *     nothing was
   */
  public static String lowerCurrentThread() {
    try {
      LibC c = Native.load(Platform.C_LIBRARY_NAME, LibC.class);
      if (Platform.isLinux()) {
        return c.setpriority(PRIO_PROCESS, c.gettid(), NICE) == 0
            ? "nice " + NICE
            : "normal (setpriority failed: errno " + Native.getLastError() + ")";
      }
      if (Platform.isMac()) {
        return c.pthread_set_qos_class_self_np(QOS_CLASS_UTILITY, 0) == 0
            ? "utility QoS"
            : "normal (pthread_set_qos_class_self_np failed)";
      }
      return "normal (not lowered on this OS)";
    } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
      return "normal (" + e.getMessage() + ")";
    }
  }

  /** The calling thread's nice value on Linux (for tests and status); 0 elsewhere. */
  static int currentNice() {
    if (!Platform.isLinux()) {
      return 0;
    }
    LibC c = Native.load(Platform.C_LIBRARY_NAME, LibC.class);
    return c.getpriority(PRIO_PROCESS, c.gettid());
  }
}

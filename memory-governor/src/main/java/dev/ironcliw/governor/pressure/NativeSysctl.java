package dev.ironcliw.governor.pressure;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import java.util.OptionalInt;

/**
 * {@code sysctlbyname(3)} of macOS's libc, through JNA. Never run here: nothing in this workplace
 * runs macOS (see the README).
 */
public final class NativeSysctl implements Sysctl {
  /** The libc function; {@code size_t} is 64 bits on every macOS this daemon supports. */
  interface LibC extends Library {
    int sysctlbyname(String name, Pointer oldp, LongByReference oldlenp, Pointer newp, long newlen);
  }

  private final LibC libc = Native.load("c", LibC.class);

  @Override
  public OptionalInt intValue(String name) {
    Memory value = new Memory(Integer.BYTES);
    LongByReference length = new LongByReference(Integer.BYTES);
    if (libc.sysctlbyname(name, value, length, null, 0) != 0
        || length.getValue() != Integer.BYTES) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(value.getInt(0));
  }
}

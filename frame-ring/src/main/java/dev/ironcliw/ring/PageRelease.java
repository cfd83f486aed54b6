package dev.ironcliw.ring;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Gives the pages of a shared file mapping back to the system with {@code madvise}.
 *
 * <p>{@link #release}: on Linux {@code MADV_REMOVE} punches a hole in the file, freeing memory and
 * disk without writing the pages out; where that is not supported (macOS, some file systems) {@code
 * MADV_DONTNEED} drops them from the process. The mapping stays valid either way: a later touch
 * reads zeros or the file's pages.
 *
 * <p>{@link #unmap}: {@code MADV_DONTNEED} alone, which on a shared file mapping only takes the
 * pages out of the process: they stop counting in its resident memory, the file keeps what they
 * hold, and a later touch maps them again from the page cache (or the disk, once the kernel dropped
 * them).
 *
 * <p>{@link #populateForWrite}: {@code MADV_POPULATE_WRITE} (Linux 5.14 and later), the way back
 * for a writer about to fill pages {@link #unmap} took out: one call maps them all writable, where
 * the copy would otherwise fault on each page.
 *
 * <p>{@link #pageOut}: {@code MADV_PAGEOUT} (Linux), which asks the kernel to reclaim the pages of
 * any mapping now. It never loses data: a clean file page is dropped and read again when touched, a
 * changed one is written or swapped out first, or stays.
 */
public final class PageRelease {
  static final long PAGE_BYTES = 4096;
  private static final boolean LINUX = System.getProperty("os.name", "").startsWith("Linux");
  private static final int MADV_DONTNEED = 4; // Linux and macOS
  private static final int MADV_REMOVE = 9; // Linux only
  private static final int MADV_PAGEOUT = 21; // Linux 5.4 and later
  private static final int MADV_POPULATE_WRITE = 23; // Linux 5.14 and later
  private static final MethodHandle MADVISE = lookUp();

  private PageRelease() {}

  @SuppressWarnings("restricted") // the daemon runs with --enable-native-access=ALL-UNNAMED
  private static MethodHandle lookUp() {
    Linker linker = Linker.nativeLinker();
    return linker
        .defaultLookup()
        .find("madvise")
        .map(
            address ->
                linker.downcallHandle(
                    address,
                    FunctionDescriptor.of(
                        ValueLayout.JAVA_INT,
                        ValueLayout.ADDRESS,
                        ValueLayout.JAVA_LONG,
                        ValueLayout.JAVA_INT)))
        .orElse(null);
  }

  /**
   * Releases the whole pages inside {@code segment}.
   *
   * @return the bytes released, 0 when the system refused
   */
  static long release(MemorySegment segment) {
    MemorySegment pages = wholePages(segment);
    if (pages == null) {
      return 0;
    }
    if ((LINUX && advise(pages, MADV_REMOVE)) || advise(pages, MADV_DONTNEED)) {
      return pages.byteSize();
    }
    return 0;
  }

  /**
   * Takes the whole pages inside {@code segment} out of the process, keeping what they hold.
   *
   * @return the bytes unmapped, 0 when the system refused
   */
  static long unmap(MemorySegment segment) {
    MemorySegment pages = wholePages(segment);
    return pages != null && advise(pages, MADV_DONTNEED) ? pages.byteSize() : 0;
  }

  /**
   * Maps the whole pages inside {@code segment} into the process, writable, before they are
   * written; nothing changes for pages already there.
   *
   * @return true when the kernel did it (false on systems without {@code MADV_POPULATE_WRITE}: the
   *     writes then fault the pages in one by one, as they would have anyway)
   */
  static boolean populateForWrite(MemorySegment segment) {
    MemorySegment pages = wholePages(segment);
    return LINUX && pages != null && advise(pages, MADV_POPULATE_WRITE);
  }

  /**
   * Asks the kernel to reclaim the {@code bytes} from {@code address} of any mapping of this
   * process, for memory it will not touch for a long while.
   *
   * @return true when the kernel took the advice (false on systems without {@code MADV_PAGEOUT})
   */
  @SuppressWarnings("restricted") // the daemon runs with --enable-native-access=ALL-UNNAMED
  public static boolean pageOut(long address, long bytes) {
    MemorySegment pages = wholePages(MemorySegment.ofAddress(address).reinterpret(bytes));
    return LINUX && pages != null && advise(pages, MADV_PAGEOUT);
  }

  /** The whole pages inside {@code segment}, or null when none (or no madvise). */
  private static MemorySegment wholePages(MemorySegment segment) {
    long start = alignUp(segment.address());
    long end = (segment.address() + segment.byteSize()) / PAGE_BYTES * PAGE_BYTES;
    if (MADVISE == null || end <= start) {
      return null;
    }
    return segment.asSlice(start - segment.address(), end - start);
  }

  private static boolean advise(MemorySegment pages, int advice) {
    try {
      return (int) MADVISE.invokeExact(pages, pages.byteSize(), advice) == 0;
    } catch (Throwable e) {
      return false;
    }
  }

  static long alignUp(long address) {
    return (address + PAGE_BYTES - 1) / PAGE_BYTES * PAGE_BYTES;
  }
}

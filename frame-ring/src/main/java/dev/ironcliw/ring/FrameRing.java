package dev.ironcliw.ring;

import static dev.ironcliw.ring.RingFileDescriptor.FILE_HEADER_BYTES;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The memory-mapped ring of raw frames: one file, mapped whole, cut into fixed slots as drawn in
 * {@link RingFileDescriptor} and {@link SlotDescriptor}.
 *
 * <p>One writer ({@link #writer()}) and any number of readers ({@link #read}). Reopening a file
 * after a crash keeps every slot whose header and pixel checksum check out. The file is locked
 * while open, so a second process gets {@link RingInUseException} and touches nothing. Close only
 * after the writer and all readers have stopped: the mapping is gone afterwards.
 */
public final class FrameRing implements AutoCloseable {
  public static final String BUDGET_COMPONENT = "frameRing";

  /** A slot's {@link #copyDiffBases} when the writer made no diff as it copied its frame. */
  static final long NO_COPY_DIFF = -1;

  private static final Logger LOG = LoggerFactory.getLogger(FrameRing.class);

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;
  private final OffHeapBudget.Reservation reservation;
  private final Arena arena;
  private final MemorySegment mapping;
  private final RingGeometry geometry;
  private final UnsafeBuffer[] slotHeaders;
  private final MemorySegment[] slotPixels;
  private final RecoveryReport recoveryReport;
  private final FrameRingWriter writer;
  private volatile SlotLayout layout;
  // Slots outside the active part whose frames are still retained; the writer releases them later.
  private final boolean[] releasePending;
  // What each slot's pixels hold, as the writer's source tagged them; not kept across opens.
  private final long[] contentTags;

  // Per slot, the diff the writer made as it copied the slot's frame in (made on first use), and
  // the position of the frame it is against; NO_COPY_DIFF when it made none.
  private final TileDiff[] copyDiffs;
  private final long[] copyDiffBases;

  /**
   * Per slot, 1 while its pages may be out of the process (never written since the ring was mapped,
   * unmapped, given back): the writer maps them in one call before it fills the slot, and skips
   * that call (a walk over every page) while they are in.
   */
  private final AtomicIntegerArray pagesOut;

  private int releasePendingCount;
  private volatile long releasedBytes;
  private volatile long unmappedBytes;
  private final RemapCost remapCost = new RemapCost();
  private volatile long nextPosition;
  private volatile long retainedFrom = Long.MAX_VALUE;
  private boolean writerTaken;
  private boolean closed;

  private FrameRing(
      Path file,
      FileChannel channel,
      FileLock lock,
      OffHeapBudget.Reservation reservation,
      RingGeometry geometry,
      boolean reopen) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
    this.reservation = reservation;
    this.geometry = geometry;
    this.arena = Arena.ofShared();
    try {
      this.mapping =
          channel.map(
              FileChannel.MapMode.READ_WRITE, 0, RingFileDescriptor.fileBytes(geometry), arena);
    } catch (IOException e) {
      arena.close();
      throw new UncheckedIOException("cannot map frame ring " + file, e);
    }
    int slots = geometry.slotCount();
    this.slotHeaders = new UnsafeBuffer[slots];
    this.slotPixels = new MemorySegment[slots];
    for (int i = 0; i < slots; i++) {
      long offset = RingFileDescriptor.slotOffset(i, geometry.slotBytes());
      slotHeaders[i] = new UnsafeBuffer(mapping.address() + offset, SlotDescriptor.HEADER_BYTES);
      slotPixels[i] =
          mapping.asSlice(offset + SlotDescriptor.PIXELS_OFFSET, geometry.maxFrameBytes());
    }
    this.releasePending = new boolean[slots];
    this.contentTags = new long[slots];
    this.pagesOut = new AtomicIntegerArray(slots);
    for (int i = 0; i < slots; i++) {
      pagesOut.set(i, 1);
    }
    java.util.Arrays.fill(contentTags, FrameRingWriter.NO_CONTENT_TAG);
    this.copyDiffs = new TileDiff[slots];
    this.copyDiffBases = new long[slots];
    java.util.Arrays.fill(copyDiffBases, NO_COPY_DIFF);
    this.recoveryReport = reopen ? recover() : initialise();
    this.nextPosition = recoveryReport.nextPosition();
    this.writer = new FrameRingWriter(this);
  }

  /**
   * Opens {@code file}, creating it for {@code wanted} or reopening an existing ring whose slots
   * hold frames at least as large and which is no larger. An existing ring that does not fit is
   * moved aside to {@code <file>.previous}, never overwritten.
   *
   * @throws RingInUseException when another process holds the file
   * @throws BudgetExceededException when the mapping does not fit {@code budget}
   */
  public static FrameRing open(Path file, RingGeometry wanted, OffHeapBudget budget) {
    return open(file, wanted, RingFileDescriptor.fileBytes(wanted), budget);
  }

  /**
   * As {@link #open(Path, RingGeometry, OffHeapBudget)}, but an existing ring is reopened whole
   * (its frames kept) while its file is at most {@code mostFileBytes}, even when that is more than
   * {@code wanted}: the caller then cuts its active part ({@link FrameRingWriter#setActiveSlots}).
   */
  public static FrameRing open(
      Path file, RingGeometry wanted, long mostFileBytes, OffHeapBudget budget) {
    FileChannel channel = null;
    FileLock lock = null;
    OffHeapBudget.Reservation reservation = null;
    try {
      channel =
          FileChannel.open(
              file, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE);
      lock = tryLock(channel, file);
      RingGeometry existing = readGeometry(channel);
      boolean reopen =
          existing != null
              && existing.maxFrameBytes() >= wanted.maxFrameBytes()
              && RingFileDescriptor.fileBytes(existing)
                  <= Math.max(mostFileBytes, RingFileDescriptor.fileBytes(wanted));
      if (!reopen && channel.size() > 0) {
        Path aside = file.resolveSibling(file.getFileName() + ".previous");
        LOG.warn(
            "frame ring {} does not fit the wanted geometry {}; moving it to {}",
            file,
            wanted,
            aside);
        Files.copy(file, aside, StandardCopyOption.REPLACE_EXISTING);
        channel.truncate(0);
      }
      RingGeometry geometry = reopen ? existing : wanted;
      reservation = budget.reserve(BUDGET_COMPONENT, RingFileDescriptor.fileBytes(geometry));
      if (!reopen) {
        channel.write(
            ByteBuffer.allocate(1), RingFileDescriptor.fileBytes(geometry) - 1); // sparse length
      }
      // Backed on disk now: a full disk then refuses the ring here, with a message, instead of
      // faulting the capture thread on a frame's first write to a page.
      try {
        FileAllocation.allocate(file, RingFileDescriptor.fileBytes(geometry));
      } catch (IOException e) {
        if (!reopen) {
          channel.truncate(0); // an empty file, not a ring without a header, for the next start
        }
        throw e;
      }
      return new FrameRing(file, channel, lock, reservation, geometry, reopen);
    } catch (IOException e) {
      closeQuietly(reservation, lock, channel);
      throw new UncheckedIOException("cannot open frame ring " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(reservation, lock, channel);
      throw e;
    }
  }

  private static FileLock tryLock(FileChannel channel, Path file) throws IOException {
    try {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw new RingInUseException(file);
      }
      return lock;
    } catch (OverlappingFileLockException e) {
      throw new RingInUseException(file);
    }
  }

  /** The geometry in an existing file's header, or null when there is no valid header. */
  private static RingGeometry readGeometry(FileChannel channel) throws IOException {
    if (channel.size() < FILE_HEADER_BYTES) {
      return null;
    }
    ByteBuffer header = ByteBuffer.allocate(FILE_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    channel.read(header, 0);
    MemorySegment segment = MemorySegment.ofBuffer(header.flip());
    long checksum = FrameHash.hash(segment, 0, RingFileDescriptor.CHECKSUMMED_BYTES);
    if (header.getLong(RingFileDescriptor.MAGIC_OFFSET) != RingFileDescriptor.MAGIC
        || header.getInt(RingFileDescriptor.VERSION_OFFSET) != RingFileDescriptor.LAYOUT_VERSION
        || header.getInt(RingFileDescriptor.SLOT_HEADER_BYTES_OFFSET) != SlotDescriptor.HEADER_BYTES
        || header.getLong(RingFileDescriptor.CHECKSUM_OFFSET) != checksum) {
      return null;
    }
    try {
      RingGeometry geometry =
          new RingGeometry(
              header.getInt(RingFileDescriptor.SLOT_COUNT_OFFSET),
              header.getLong(RingFileDescriptor.SLOT_BYTES_OFFSET),
              header.getLong(RingFileDescriptor.MAX_FRAME_BYTES_OFFSET));
      return channel.size() == RingFileDescriptor.fileBytes(geometry) ? geometry : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private RecoveryReport initialise() {
    UnsafeBuffer header = new UnsafeBuffer(mapping.address(), FILE_HEADER_BYTES);
    header.setMemory(0, FILE_HEADER_BYTES, (byte) 0);
    header.putLong(RingFileDescriptor.MAGIC_OFFSET, RingFileDescriptor.MAGIC);
    header.putInt(RingFileDescriptor.VERSION_OFFSET, RingFileDescriptor.LAYOUT_VERSION);
    header.putInt(RingFileDescriptor.SLOT_HEADER_BYTES_OFFSET, SlotDescriptor.HEADER_BYTES);
    header.putInt(RingFileDescriptor.SLOT_COUNT_OFFSET, geometry.slotCount());
    header.putLong(RingFileDescriptor.SLOT_BYTES_OFFSET, geometry.slotBytes());
    header.putLong(RingFileDescriptor.MAX_FRAME_BYTES_OFFSET, geometry.maxFrameBytes());
    header.putLong(
        RingFileDescriptor.CHECKSUM_OFFSET,
        FrameHash.hash(mapping, 0, RingFileDescriptor.CHECKSUMMED_BYTES));
    for (UnsafeBuffer slot : slotHeaders) {
      slot.setMemory(0, SlotDescriptor.HEADER_BYTES, (byte) 0);
      slot.putLong(SlotDescriptor.POSITION_OFFSET, SlotDescriptor.EMPTY_POSITION);
    }
    layout = SlotLayout.start(0, geometry.slotCount(), new long[0], new int[0]);
    return new RecoveryReport(false, 0, 0, 0, -1);
  }

  private RecoveryReport recover() {
    int valid = 0;
    int discarded = 0;
    long next = 0;
    long highestSeq = -1;
    java.util.TreeMap<Long, Integer> recoveredSlots = new java.util.TreeMap<>();
    for (int slot = 0; slot < geometry.slotCount(); slot++) {
      UnsafeBuffer header = slotHeaders[slot];
      long position = header.getLong(SlotDescriptor.POSITION_OFFSET);
      if (position == SlotDescriptor.EMPTY_POSITION
          && (header.getLong(SlotDescriptor.LOCK_OFFSET) & 1) == 0) {
        continue;
      }
      if (isIntact(slot) && recoveredSlots.putIfAbsent(position, slot) == null) {
        valid++;
        next = Math.max(next, position + 1);
        highestSeq = Math.max(highestSeq, header.getLong(SlotDescriptor.FRAME_SEQ_OFFSET));
      } else {
        discarded++;
        long lockValue = header.getLong(SlotDescriptor.LOCK_OFFSET);
        header.putLong(SlotDescriptor.POSITION_OFFSET, SlotDescriptor.EMPTY_POSITION);
        header.putLong(SlotDescriptor.LOCK_OFFSET, (lockValue | 1) + 1);
      }
    }
    layout =
        SlotLayout.start(
            next,
            geometry.slotCount(),
            recoveredSlots.keySet().stream().mapToLong(Long::longValue).toArray(),
            recoveredSlots.values().stream().mapToInt(Integer::intValue).toArray());
    LOG.info(
        "frame ring {} reopened: {} frames recovered, {} incomplete slots discarded",
        file,
        valid,
        discarded);
    return new RecoveryReport(true, valid, discarded, next, highestSeq);
  }

  /**
   * A slot is intact when stable and both checksums match. It may sit anywhere: the active part may
   * have been resized before the restart.
   */
  private boolean isIntact(int slot) {
    UnsafeBuffer header = slotHeaders[slot];
    long position = header.getLong(SlotDescriptor.POSITION_OFFSET);
    int width = header.getInt(SlotDescriptor.WIDTH_OFFSET);
    int height = header.getInt(SlotDescriptor.HEIGHT_OFFSET);
    int stride = header.getInt(SlotDescriptor.STRIDE_OFFSET);
    long pixelBytes = (long) height * stride;
    if ((header.getLong(SlotDescriptor.LOCK_OFFSET) & 1) != 0
        || position < 0
        || header.getLong(SlotDescriptor.HEADER_CHECKSUM_OFFSET) != headerChecksum(slot)
        || width <= 0
        || height <= 0
        || stride < width * SlotDescriptor.BYTES_PER_PIXEL
        || pixelBytes > geometry.maxFrameBytes()) {
      return false;
    }
    return header.getLong(SlotDescriptor.FINGERPRINT_OFFSET)
        == FrameHash.hash(slotPixels[slot], 0, pixelBytes);
  }

  long headerChecksum(int slot) {
    long offset = RingFileDescriptor.slotOffset(slot, geometry.slotBytes());
    return FrameHash.hash(
        mapping, offset + SlotDescriptor.CHECKSUMMED_FROM, SlotDescriptor.CHECKSUMMED_BYTES);
  }

  /**
   * Reads the frame at {@code position} into {@code view} without copying.
   *
   * @return {@link ReadStatus#OK} when the view holds it (then check {@link FrameView#stillValid()}
   *     after use), else why not
   */
  public ReadStatus read(long position, FrameView view) {
    if (position < 0) {
      return ReadStatus.MISSING;
    }
    if (position >= nextPosition) {
      return ReadStatus.NOT_YET_WRITTEN;
    }
    int slot = layout.slotOf(position);
    if (slot < 0) {
      return ReadStatus.MISSING; // discarded by recovery, or in a slot given back since
    }
    UnsafeBuffer header = slotHeaders[slot];
    long lockBefore = header.getLongAcquire(SlotDescriptor.LOCK_OFFSET);
    if ((lockBefore & 1) != 0) {
      return ReadStatus.OVERWRITTEN;
    }
    long held = header.getLong(SlotDescriptor.POSITION_OFFSET);
    if (held != position) {
      return held > position ? ReadStatus.OVERWRITTEN : ReadStatus.MISSING;
    }
    view.fill(header, lockBefore, slotPixels[slot]);
    if (!view.stillValid()) {
      return ReadStatus.OVERWRITTEN;
    }
    return ReadStatus.OK;
  }

  /**
   * The tile diff of {@code frame} (just read, see {@link #read}) against the frame at {@code
   * basePosition}, when the writer made it as it copied the frame in ({@link
   * FrameRingWriter#diffWhileCopying}); null when it made none, or against another frame. Its sums
   * and content hashes are final; it is not classified. Valid while {@code frame} is: read it
   * before {@link FrameView#stillValid} is checked.
   */
  public TileDiff diffMadeWhileCopying(FrameView frame, long basePosition) {
    if (frame.position() < 0 || basePosition < 0) {
      return null;
    }
    int slot = layout.slotOf(frame.position());
    if (slot < 0 || copyDiffBases[slot] != basePosition) {
      return null;
    }
    return copyDiffs[slot];
  }

  /** The writer; there is one per ring. */
  public synchronized FrameRingWriter writer() {
    if (writerTaken) {
      throw new IllegalStateException("the frame ring has a single writer, already taken");
    }
    writerTaken = true;
    return writer;
  }

  /**
   * Tells the writer not to overwrite frames at {@code position} or later: a consumer still needs
   * them. Claims fail instead, until the consumer moves this on.
   */
  public void retainFrom(long position) {
    retainedFrom = position;
  }

  long retainedFrom() {
    return retainedFrom;
  }

  /** The position the next committed frame will get. */
  public long nextPosition() {
    return nextPosition;
  }

  void advance(long next) {
    nextPosition = next;
  }

  /** How many slots hold a readable frame now. */
  public int occupiedSlots() {
    int occupied = 0;
    for (UnsafeBuffer header : slotHeaders) {
      if (header.getLongVolatile(SlotDescriptor.POSITION_OFFSET) >= 0) {
        occupied++;
      }
    }
    return occupied;
  }

  /**
   * When each frame the ring holds now was captured, epoch nanoseconds, in slot order: how much
   * history it holds. A slot being written may show its new frame's time.
   */
  public long[] heldCaptureTimes() {
    long[] times = new long[slotHeaders.length];
    int held = 0;
    for (UnsafeBuffer header : slotHeaders) {
      if (header.getLongVolatile(SlotDescriptor.POSITION_OFFSET) >= 0) {
        times[held++] = header.getLongVolatile(SlotDescriptor.CAPTURED_AT_NANOS_OFFSET);
      }
    }
    return java.util.Arrays.copyOf(times, held);
  }

  public RingGeometry geometry() {
    return geometry;
  }

  public RecoveryReport recoveryReport() {
    return recoveryReport;
  }

  public Path file() {
    return file;
  }

  /** How many slots the writer goes round now; at most the geometry's slot count. */
  public int activeSlots() {
    return layout.activeSlots();
  }

  /** The file header plus the active slots: what is reserved against the budget. */
  public long activeBytes() {
    return activeBytes(activeSlots());
  }

  private long activeBytes(int slots) {
    return RingFileDescriptor.fileBytes(slots, geometry.slotBytes());
  }

  /** Bytes of slot pages given back to the system since the ring opened. */
  public long releasedBytes() {
    return releasedBytes;
  }

  /**
   * Takes the pages of the frame at {@code position} out of the process, for a consumer that is
   * done with it for now. The frame stays in the file and readable: a read maps its pages back from
   * the page cache. It only stops counting in the daemon's resident memory, which the ring would
   * otherwise fill whole. Nothing happens when the slot holds another frame by now; a writer
   * filling the slot meanwhile loses nothing either (the pages are the file's). Called from one
   * thread.
   */
  public void unmapFrame(long position) {
    int slot = layout.slotOf(position);
    if (slot < 0) {
      return;
    }
    UnsafeBuffer header = slotHeaders[slot];
    if (header.getLongVolatile(SlotDescriptor.POSITION_OFFSET) != position) {
      return;
    }
    long frameBytes =
        (long) header.getInt(SlotDescriptor.HEIGHT_OFFSET)
            * header.getInt(SlotDescriptor.STRIDE_OFFSET);
    if (frameBytes <= 0 || frameBytes > geometry.maxFrameBytes()) {
      return;
    }
    pagesOut.set(slot, 1);
    long startNanos = System.nanoTime();
    unmappedBytes += PageRelease.unmap(slotPixels[slot].asSlice(0, frameBytes));
    remapCost.recordUnmap(System.nanoTime() - startNanos, frameBytes);
  }

  /** What taking a frame's pages out costs once its slot is written again, as measured so far. */
  public RemapCost remapCost() {
    return remapCost;
  }

  /**
   * The writer, about to fill {@code slot}: whether its pages may be out of the process, so it
   * should map them first. Clears the mark; an unmap that comes after sets it again.
   */
  boolean takePagesOut(int slot) {
    return pagesOut.getAndSet(slot, 0) == 1;
  }

  /** {@link #unmapFrame} for every frame the ring holds but those at {@code kept} positions. */
  public void unmapFramesExcept(long[] kept) {
    for (UnsafeBuffer header : slotHeaders) {
      long position = header.getLongVolatile(SlotDescriptor.POSITION_OFFSET);
      if (position >= 0 && java.util.Arrays.stream(kept).noneMatch(k -> k == position)) {
        unmapFrame(position);
      }
    }
  }

  /** Bytes of frame pages taken out of the process by {@link #unmapFrame} since the ring opened. */
  public long unmappedBytes() {
    return unmappedBytes;
  }

  /** The slot the writer fills for {@code position}. */
  int writeSlotOf(long position) {
    return layout.newest().slotOf(position);
  }

  /**
   * Makes the writer go round {@code slots} slots from the next position on; called by the writer
   * between frames. Slots left outside lose their frames, once no consumer retains them, and their
   * pages go back to the system.
   *
   * @throws IllegalArgumentException when {@code slots} is below 2 or above the geometry's count
   * @throws BudgetExceededException when growing past the budget; nothing changed then
   */
  void resizeActive(int slots) {
    if (slots < 2 || slots > geometry.slotCount()) {
      throw new IllegalArgumentException(
          "active slots must be from 2 to " + geometry.slotCount() + ", got " + slots);
    }
    int before = activeSlots();
    if (slots == before) {
      return;
    }
    if (slots > before) {
      reservation.resize(activeBytes(slots));
    }
    for (int slot = slots; slot < before; slot++) {
      releasePending[slot] = true;
      releasePendingCount++;
    }
    for (int slot = 0; slot < slots; slot++) {
      if (releasePending[slot]) {
        releasePending[slot] = false;
        releasePendingCount--;
      }
    }
    layout = layout.resized(nextPosition, slots);
    releaseOutsideSlots();
    if (slots < before) {
      reservation.resize(activeBytes(slots));
    }
    LOG.info(
        "frame ring active part: {} of {} slots ({} bytes)",
        slots,
        geometry.slotCount(),
        activeBytes(slots));
  }

  /**
   * After each commit: forgets older layouts once the active part has been written all round and
   * every slot outside it is empty.
   */
  void afterCommit() {
    if (releasePendingCount == 0 && layout.hasOlderThanNewestLap(nextPosition)) {
      layout = layout.newestOnly();
    }
  }

  /**
   * Empties the slots outside the active part whose frames no consumer retains any more, and gives
   * their pages back; the writer calls it before each claim. Cheap when there are none.
   */
  void releaseOutsideSlots() {
    if (releasePendingCount == 0) {
      return;
    }
    for (int slot = 0; slot < releasePending.length; slot++) {
      if (!releasePending[slot]) {
        continue;
      }
      UnsafeBuffer header = slotHeaders[slot];
      long held = header.getLong(SlotDescriptor.POSITION_OFFSET);
      if (held >= retainedFrom) {
        continue;
      }
      releasePending[slot] = false;
      releasePendingCount--;
      long lock = header.getLong(SlotDescriptor.LOCK_OFFSET);
      if (lock == 0 && held == SlotDescriptor.EMPTY_POSITION) {
        continue; // never written: its pages were never touched
      }
      // Readers see the slot change under them and drop what they read.
      header.putLongRelease(SlotDescriptor.LOCK_OFFSET, lock + 1);
      java.lang.invoke.VarHandle.storeStoreFence();
      header.putLong(SlotDescriptor.POSITION_OFFSET, SlotDescriptor.EMPTY_POSITION);
      pagesOut.set(slot, 1);
      releasedBytes += PageRelease.release(slotPixels[slot]);
      contentTags[slot] = FrameRingWriter.NO_CONTENT_TAG;
      header.putLongRelease(SlotDescriptor.LOCK_OFFSET, lock + 2);
    }
  }

  UnsafeBuffer slotHeader(int slot) {
    return slotHeaders[slot];
  }

  MemorySegment slotPixels(int slot) {
    return slotPixels[slot];
  }

  long contentTag(int slot) {
    return contentTags[slot];
  }

  /** The slot's diff, for the writer to fill; made on first use. */
  TileDiff copyDiff(int slot, int tileSize) {
    TileDiff diff = copyDiffs[slot];
    if (diff == null || diff.tileSize() != tileSize) {
      diff = new TileDiff(tileSize);
      copyDiffs[slot] = diff;
    }
    return diff;
  }

  /** What the slot's diff is against, set by the writer before it publishes the frame. */
  void setCopyDiffBase(int slot, long basePosition) {
    copyDiffBases[slot] = basePosition;
  }

  void setContentTag(int slot, long tag) {
    contentTags[slot] = tag;
  }

  /** Flushes the mapping to the file, unmaps it and releases the lock and the budget. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      mapping.force();
    } finally {
      arena.close();
      closeQuietly(reservation, lock, channel);
    }
  }

  private static void closeQuietly(
      OffHeapBudget.Reservation reservation, FileLock lock, FileChannel channel) {
    if (reservation != null) {
      reservation.close();
    }
    try {
      if (lock != null && lock.isValid()) {
        lock.release();
      }
      if (channel != null) {
        channel.close();
      }
    } catch (IOException e) {
      LOG.warn("closing frame ring file failed", e);
    }
  }
}

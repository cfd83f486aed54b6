package dev.ironcliw.vision;

import dev.ironcliw.config.VisionLimitSettings;
import dev.ironcliw.flow.TokenBucket;
import dev.ironcliw.ring.BudgetExceededException;
import dev.ironcliw.ring.OffHeapBudget;
import dev.ironcliw.vision.flow.DailyTokenBudget;
import dev.ironcliw.vision.flow.DropReason;
import dev.ironcliw.vision.flow.SlidingWindowSum;
import dev.ironcliw.vision.image.FrameCrop;
import dev.ironcliw.vision.image.ImageEncoder;
import dev.ironcliw.vision.provider.CircuitBreaker;
import dev.ironcliw.vision.provider.EncodedImage;
import dev.ironcliw.vision.provider.ProviderProtocol;
import dev.ironcliw.vision.provider.ProviderReply;
import dev.ironcliw.vision.provider.VisionCallException;
import dev.ironcliw.vision.provider.VisionCaller;
import dev.ironcliw.vision.provider.VisionRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends batches to an Anthropic or OpenAI-compatible provider. The pipeline thread queues a batch
 * (bounded in count and in the bytes of its pixels, the oldest dropped to make room); one
 * dispatcher thread sends them oldest first within the concurrency, request-rate, hourly and daily
 * limits, encoding the images just before sending. Every batch not analysed is counted with its
 * reason.
 */
public final class RemoteVisionProvider implements VisionProvider {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteVisionProvider.class);
  private static final int RAW_REPLY_CHARS = 16_384;
  private static final long IDLE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
  private static final long READ_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private final ProviderProtocol protocol;
  private final VisionCaller caller;
  private final VisionLimitSettings limits;
  private final long maxImageBytes;
  private final OffHeapBudget memory;
  private final String memoryComponent;
  private final AnalysisListener listener;
  private final ScreenTextSource screenText;
  private final LongSupplier nanoClock;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<QueuedBatch> queue = new ArrayDeque<>();
  private final TokenBucket requestRate;
  private final SlidingWindowSum imagesLastHour = new SlidingWindowSum(Duration.ofHours(1), 60);
  private final SlidingWindowSum bytesLastHour = new SlidingWindowSum(Duration.ofHours(1), 60);
  private final DailyTokenBudget tokens;
  private final Map<DropReason, LongAdder> dropped = new EnumMap<>(DropReason.class);
  private final AtomicLong submitted = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong sentWithScreenText = new AtomicLong();
  private final AtomicLong screenTextChars = new AtomicLong();
  private final AtomicLong batchesHeldForText = new AtomicLong();
  private final AtomicLong batchesSentUnread = new AtomicLong();
  private final AtomicLong imagesMasked = new AtomicLong();
  private final AtomicLong insights = new AtomicLong();
  private final AtomicLong invalidReplies = new AtomicLong();
  private final Thread dispatcher;
  private int inFlight;
  private QueuedBatch lastHeld;
  private long queuedBytes;
  private boolean closed;
  private boolean paused;

  /** A batch waiting, with the budget its pixels hold, and since when. */
  private record QueuedBatch(
      List<BatchFrame> frames,
      long bytes,
      OffHeapBudget.Reservation reservation,
      long queuedAtNanos) {}

  /**
   * @param memory where the queued pixels are counted, under {@code memoryComponent}
   * @param screenText the text read off the screen that goes with a batch, and where it showed
   *     secrets to mask
   * @param clock the wall clock that sets the UTC day of the token budget
   */
  public RemoteVisionProvider(
      ProviderProtocol protocol,
      VisionCaller caller,
      VisionLimitSettings limits,
      long maxImageBytes,
      OffHeapBudget memory,
      String memoryComponent,
      AnalysisListener listener,
      ScreenTextSource screenText,
      LongSupplier nanoClock,
      Clock clock) {
    this.protocol = protocol;
    this.caller = caller;
    this.limits = limits;
    this.maxImageBytes = maxImageBytes;
    this.memory = memory;
    this.memoryComponent = memoryComponent;
    this.listener = listener;
    this.screenText = screenText;
    this.nanoClock = nanoClock;
    this.requestRate =
        new TokenBucket(limits.requestsPerSecond(), limits.concurrency(), nanoClock.getAsLong());
    this.tokens = new DailyTokenBudget(limits.dailyTokens(), clock);
    for (DropReason reason : DropReason.values()) {
      dropped.put(reason, new LongAdder());
    }
    this.dispatcher = Thread.ofPlatform().daemon().name("vision-dispatch").start(this::dispatch);
  }

  @Override
  public String name() {
    return protocol.name();
  }

  @Override
  public void submit(List<BatchFrame> batch) {
    submitted.incrementAndGet();
    long bytes = 0;
    for (BatchFrame frame : batch) {
      bytes += frame.pixelBytes();
    }
    lock.lock();
    try {
      if (closed) {
        drop(DropReason.SHUTDOWN);
        return;
      }
      boolean breakerOpen = caller.breaker().state() == CircuitBreaker.State.OPEN;
      // While the breaker is open only the newest batch waits, for the probe that follows.
      int room = breakerOpen ? 1 : limits.queueBatches();
      while (queue.size() >= room) {
        dropOldest(breakerOpen ? DropReason.BREAKER_OPEN : DropReason.QUEUE_FULL);
      }
      OffHeapBudget.Reservation reservation = null;
      while (reservation == null) {
        try {
          reservation = memory.reserve(memoryComponent, bytes);
        } catch (BudgetExceededException e) {
          if (queue.isEmpty()) {
            LOG.warn("vision: batch dropped, {}", e.getMessage());
            drop(DropReason.OVER_MEMORY_BUDGET);
            return;
          }
          dropOldest(DropReason.OVER_MEMORY_BUDGET);
        }
      }
      queue.addLast(new QueuedBatch(List.copyOf(batch), bytes, reservation, nanoClock.getAsLong()));
      queuedBytes += bytes;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Caller holds the lock. */
  private void dropOldest(DropReason reason) {
    QueuedBatch oldest = queue.pollFirst();
    release(oldest);
    drop(reason);
  }

  /** Caller holds the lock. */
  private void release(QueuedBatch batch) {
    batch.reservation().close();
    queuedBytes -= batch.bytes();
  }

  private void drop(DropReason reason) {
    dropped.get(reason).increment();
  }

  /** The dispatcher thread: takes the oldest batch whenever every limit allows one more call. */
  private void dispatch() {
    warmUp();
    while (true) {
      QueuedBatch next;
      boolean read;
      lock.lock();
      try {
        next = null;
        read = true;
        while (next == null) {
          if (closed) {
            return;
          }
          long wait = nanosUntilSendable();
          if (wait == 0) {
            wait = nanosUntilRead(queue.peekFirst());
          }
          if (wait == 0 || wait == READ_WAIT_OVER) {
            read = wait == 0;
            next = queue.pollFirst();
            release(next);
            inFlight++;
            requestRate.take(nanoClock.getAsLong());
          } else {
            changed.awaitNanos(wait);
          }
        }
      } catch (InterruptedException e) {
        return;
      } finally {
        lock.unlock();
      }
      boolean called = false;
      try {
        if (!read) {
          batchesSentUnread.incrementAndGet();
        }
        called = send(next.frames());
      } catch (RuntimeException e) {
        LOG.error("vision: could not prepare a batch; it is dropped", e);
        drop(DropReason.CALL_FAILED);
      } finally {
        if (!called) {
          finished();
        }
      }
    }
  }

  /**
   * Loads and compiles the reply path (JSON parsing, the insight parser) and the image encoders
   * before the first batch, so that the first insight reaches the user as fast as later ones.
   */
  private void warmUp() {
    long start = nanoClock.getAsLong();
    InsightParser.parse("{\"activity\": \"warm-up\", \"needsHelp\": false, \"confidence\": 0.5}");
    ImageEncoder.warmUp();
    LOG.debug("vision: warmed up in {} ms", (nanoClock.getAsLong() - start) / 1_000_000);
  }

  /** {@link #nanosUntilRead}: the batch has waited as long as it may. */
  private static final long READ_WAIT_OVER = -1;

  /**
   * Caller holds the lock: 0 when the text of the batch's last frames has been read, {@link
   * #READ_WAIT_OVER} when it has not but the batch has waited its longest, or the queue is over
   * half full (waiting must not cost later batches their place, nor fill the queue's memory
   * budget), else how long to wait before asking again. The first time a batch waits is counted.
   */
  private long nanosUntilRead(QueuedBatch batch) {
    if (hasRead(batch)) {
      return 0;
    }
    long waited = nanoClock.getAsLong() - batch.queuedAtNanos();
    long longest = screenText.longestReadWait().toNanos();
    if (waited >= longest || 2 * queue.size() > limits.queueBatches()) {
      return READ_WAIT_OVER;
    }
    if (batch != lastHeld) {
      lastHeld = batch; // only the oldest batch waits, so each is counted once
      batchesHeldForText.incrementAndGet();
    }
    return Math.min(READ_POLL_NANOS, longest - waited);
  }

  /** A source that fails to say counts as having read: the batch goes, as it would without text. */
  private boolean hasRead(QueuedBatch batch) {
    try {
      return screenText.hasRead(batch.frames());
    } catch (RuntimeException e) {
      LOG.warn("vision: cannot tell whether a batch's screen text was read: {}", e.toString());
      return true;
    }
  }

  /** Caller holds the lock: 0 when a batch may go now, else how long to wait before looking. */
  private long nanosUntilSendable() {
    if (paused || queue.isEmpty() || inFlight >= limits.concurrency()) {
      return IDLE_WAIT_NANOS;
    }
    if (caller.breaker().state() == CircuitBreaker.State.OPEN) {
      return IDLE_WAIT_NANOS;
    }
    long rateWait = requestRate.nanosUntilAvailable(nanoClock.getAsLong());
    return rateWait == 0 ? 0 : Math.min(rateWait, IDLE_WAIT_NANOS);
  }

  private void finished() {
    lock.lock();
    try {
      inFlight--;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Encodes and sends one batch; false when it was dropped instead of sent. */
  private boolean send(List<BatchFrame> frames) {
    if (tokens.exhausted()) {
      drop(DropReason.OVER_DAILY_TOKENS);
      return false;
    }
    ScreenText onScreen = screenTextOf(frames);
    List<EncodedImage> images = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    long requestBytes = 0;
    // Crops first, then context images, so the context images are what a full request leaves out.
    for (boolean context : new boolean[] {false, true}) {
      for (int f = 0; f < frames.size(); f++) {
        BatchFrame frame = frames.get(f);
        for (FrameCrop crop : frame.images()) {
          if (crop.context() != context) {
            continue;
          }
          FrameCrop shown = crop.masked(onScreen.secretsOn(frame.display()));
          if (shown != crop) {
            imagesMasked.incrementAndGet();
          }
          EncodedImage image = ImageEncoder.encode(shown, maxImageBytes);
          if (requestBytes + image.bytes().length > limits.maxRequestBytes()) {
            continue;
          }
          requestBytes += image.bytes().length;
          images.add(image);
          text.append(VisionPrompt.describe(images.size(), f + 1, frames.size(), frame, crop))
              .append('\n');
        }
      }
    }
    if (images.isEmpty()) {
      drop(DropReason.NO_IMAGES);
      return false;
    }
    long now = nanoClock.getAsLong();
    synchronized (imagesLastHour) {
      if (imagesLastHour.sum(now) + images.size() > limits.imagesPerHour()) {
        drop(DropReason.OVER_IMAGES_PER_HOUR);
        return false;
      }
      if (bytesLastHour.sum(now) + requestBytes > limits.maxBytesPerHour()) {
        drop(DropReason.OVER_BYTES_PER_HOUR);
        return false;
      }
      imagesLastHour.add(images.size(), now);
      bytesLastHour.add(requestBytes, now);
    }
    String lines = onScreen.lines().strip();
    VisionRequest request =
        new VisionRequest(
            VisionPrompt.SYSTEM,
            VisionPrompt.batchText(frames.size(), text.toString(), lines),
            images,
            limits.maxOutputTokens());
    if (!lines.isEmpty()) {
      sentWithScreenText.incrementAndGet();
      screenTextChars.addAndGet(lines.length());
    }
    List<Long> seqs = frames.stream().map(BatchFrame::seq).toList();
    int imageCount = images.size();
    sent.incrementAndGet();
    caller
        .call(request)
        .whenComplete(
            (reply, error) -> {
              try {
                if (error != null) {
                  onFailure(error);
                } else {
                  onReply(reply, seqs, imageCount);
                }
              } finally {
                finished();
              }
            });
    return true;
  }

  /**
   * The batch's screen text. A source that fails costs the batch its text, not the batch; its
   * images then go unmasked, as they would with no text recognition at all.
   */
  private ScreenText screenTextOf(List<BatchFrame> frames) {
    try {
      return screenText.of(frames);
    } catch (RuntimeException e) {
      LOG.warn("vision: a batch goes without its screen text: {}", e.toString());
      return ScreenText.NONE;
    }
  }

  private void onFailure(Throwable error) {
    Throwable cause = error instanceof CompletionException ? error.getCause() : error;
    drop(DropReason.CALL_FAILED);
    if (cause instanceof VisionCallException e) {
      LOG.warn("vision: batch not analysed: {}", e.getMessage());
    } else {
      LOG.error("vision: batch not analysed", cause);
    }
  }

  private void onReply(ProviderReply reply, List<Long> seqs, int imageCount) {
    tokens.spend(reply.inputTokens() + reply.outputTokens());
    Insight insight = null;
    String reason = "";
    String raw = "";
    switch (InsightParser.parse(reply.text())) {
      case InsightParser.Result.Valid valid -> {
        insights.incrementAndGet();
        insight = valid.insight();
      }
      case InsightParser.Result.Invalid invalid -> {
        invalidReplies.incrementAndGet();
        LOG.warn("vision: reply was not an insight: {}", invalid.reason());
        reason = invalid.reason();
        raw = protocol.redact(reply.text());
        raw = raw.length() > RAW_REPLY_CHARS ? raw.substring(0, RAW_REPLY_CHARS) : raw;
      }
    }
    BatchAnalysis analysis =
        new BatchAnalysis(
            System.currentTimeMillis() * 1_000_000L,
            seqs,
            protocol.name(),
            protocol.model(),
            imageCount,
            insight,
            reason,
            raw,
            reply.inputTokens(),
            reply.outputTokens());
    try {
      listener.onAnalysis(analysis);
    } catch (RuntimeException e) {
      LOG.error("vision: the insight could not be delivered", e);
    }
  }

  @Override
  public void setPaused(boolean paused) {
    lock.lock();
    try {
      this.paused = paused;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void dropQueued() {
    lock.lock();
    try {
      while (!queue.isEmpty()) {
        dropOldest(DropReason.MEMORY_PRESSURE);
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void fitQueue(long budgetBytes) {
    lock.lock();
    try {
      while (queuedBytes > budgetBytes) {
        dropOldest(DropReason.OVER_MEMORY_BUDGET);
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public VisionStatus status() {
    int queued;
    long bytes;
    int flying;
    boolean held;
    lock.lock();
    try {
      held = paused;
      queued = queue.size();
      bytes = queuedBytes;
      flying = inFlight;
    } finally {
      lock.unlock();
    }
    long now = nanoClock.getAsLong();
    long images;
    long imageBytes;
    synchronized (imagesLastHour) {
      images = imagesLastHour.sum(now);
      imageBytes = bytesLastHour.sum(now);
    }
    Map<String, Long> failures = new TreeMap<>();
    for (VisionCallException.Kind kind : VisionCallException.Kind.values()) {
      failures.put(kind.name(), caller.failures(kind));
    }
    Map<String, Long> drops = new TreeMap<>();
    dropped.forEach((reason, count) -> drops.put(reason.name(), count.sum()));
    return new VisionStatus(
        protocol.name(),
        protocol.model(),
        "batches go to "
            + protocol.name()
            + " ("
            + protocol.model()
            + ")"
            + (held ? "; paused by memory pressure" : ""),
        submitted.get(),
        queued,
        bytes,
        flying,
        sent.get(),
        new ScreenTextUse(
            sentWithScreenText.get(),
            screenTextChars.get(),
            batchesHeldForText.get(),
            batchesSentUnread.get(),
            imagesMasked.get()),
        caller.attempts(),
        caller.retries(),
        insights.get(),
        invalidReplies.get(),
        failures,
        drops,
        caller.breaker().state().name(),
        caller.breaker().timesOpened(),
        tokens.usedToday(),
        tokens.limit(),
        images,
        imageBytes);
  }

  /** Stops the dispatcher, drops what waits and gives calls under way a moment to end. */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      while (!queue.isEmpty()) {
        dropOldest(DropReason.SHUTDOWN);
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    try {
      dispatcher.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package dev.ironcliw.daemon.insight;

import dev.ironcliw.config.NoticeSettings;
import dev.ironcliw.daemon.journal.Journal;
import dev.ironcliw.daemon.journal.record.InsightRecord;
import dev.ironcliw.vision.AnalysisListener;
import dev.ironcliw.vision.BatchAnalysis;
import dev.ironcliw.vision.Insight;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the vision stage's answers go, on one thread of its own ("vision-results"): each is
 * journaled, pushed on the event stream as {@code insight}, and when it says the user may need help
 * (and the notice policy lets it) pushed again as {@code notice} and, if enabled, raised as a
 * desktop notification.
 */
public final class InsightHub implements AnalysisListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(InsightHub.class);

  private final Journal journal;
  private final Journal.Listener unjournaled;
  private final NoticePolicy notices;
  private final DesktopNotifier desktop;
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          runnable -> Thread.ofPlatform().daemon().name("vision-results").unstarted(runnable));

  private long nextId;
  private volatile long noticesSent;
  private volatile long journalErrors;

  /**
   * @param unjournaled told of an insight the journal could not take (the event stream's live
   *     clients still get it), with -1 for its index
   * @param desktop raises desktop notifications, or null when they are off
   */
  public InsightHub(
      Journal journal,
      Journal.Listener unjournaled,
      NoticeSettings settings,
      DesktopNotifier desktop) {
    this.journal = journal;
    this.unjournaled = unjournaled;
    this.notices = new NoticePolicy(settings);
    this.desktop = desktop;
    this.nextId = journal.lastInsightId() + 1;
  }

  /** Any thread: queues the analysis for the results thread. */
  @Override
  public void onAnalysis(BatchAnalysis analysis) {
    try {
      thread.execute(() -> deliver(analysis));
    } catch (RejectedExecutionException stopping) {
      LOG.info("vision: a reply arrived while stopping; not journaled");
    }
  }

  private void deliver(BatchAnalysis a) {
    Insight insight = a.insight();
    boolean notice = insight != null && notices.admit(insight, System.nanoTime());
    InsightRecord record =
        new InsightRecord(
            nextId++,
            a.receivedAtEpochNanos(),
            a.frameSeqs(),
            a.provider(),
            a.model(),
            a.images(),
            a.valid(),
            insight == null ? "" : insight.activity(),
            insight == null ? "" : insight.app(),
            insight != null && insight.needsHelp(),
            insight == null ? "" : insight.suggestion(),
            insight == null ? 0 : insight.confidence(),
            notice,
            a.invalidReason(),
            a.rawReply(),
            a.inputTokens(),
            a.outputTokens());
    try {
      journal.append(record); // the stream hears of it from the journal
    } catch (RuntimeException e) {
      journalErrors++;
      LOG.error("journal: cannot append insight {}", record.id(), e);
      unjournaled.appended(-1, record); // live clients still get it, without an id to resume from
    }
    if (notice) {
      noticesSent++;
      if (desktop != null) {
        desktop.notify(
            "Ironcliw" + (insight.app().isEmpty() ? "" : ": " + insight.app()),
            insight.suggestion().isEmpty() ? insight.activity() : insight.suggestion());
      }
    }
  }

  public long noticesSent() {
    return noticesSent;
  }

  public long noticesSuppressed() {
    return notices.suppressed();
  }

  public long journalErrors() {
    return journalErrors;
  }

  public long desktopNotifications() {
    return desktop == null ? 0 : desktop.raised();
  }

  @Override
  public void close() {
    thread.execute(journal::closeInsightAppender);
    thread.shutdown();
    try {
      if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("vision: results thread did not finish in 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package dev.ironcliw.daemon.journal;

import dev.ironcliw.daemon.journal.record.CaptureEventRecord;
import dev.ironcliw.daemon.journal.record.ContextEventRecord;
import dev.ironcliw.daemon.journal.record.ForgetEventRecord;
import dev.ironcliw.daemon.journal.record.JournalEvent;
import dev.ironcliw.daemon.journal.record.PressureEventRecord;
import dev.ironcliw.daemon.journal.record.RetentionEventRecord;
import java.util.Locale;

/**
 * The kinds of what the journal records, as the event stream names them and a client asks for them:
 * frame verdicts, capture, context (the focused window), pressure, retention and forget events,
 * insights, and notices (the insights that became one).
 */
public enum RecordKind {
  FRAME,
  CAPTURE,
  CONTEXT,
  PRESSURE,
  RETENTION,
  FORGET,
  INSIGHT,
  NOTICE;

  /** The event's name on the stream: {@code frame}, {@code capture}, ... */
  public String eventName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind of a capture, context, pressure, retention or forget event. */
  public static RecordKind of(JournalEvent event) {
    return switch (event) {
      case CaptureEventRecord c -> CAPTURE;
      case ContextEventRecord c -> CONTEXT;
      case PressureEventRecord p -> PRESSURE;
      case RetentionEventRecord r -> RETENTION;
      case ForgetEventRecord f -> FORGET;
    };
  }
}

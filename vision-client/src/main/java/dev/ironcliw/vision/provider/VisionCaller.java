package dev.ironcliw.vision.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironcliw.config.VisionLimitSettings;
import dev.ironcliw.flow.Backoff;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls one provider: connect and whole-request timeouts, retries of what may pass (429, 529, 5xx,
 * timeouts, dropped connections) after a jittered exponential backoff or the provider's {@code
 * Retry-After}, and a circuit breaker in front of every attempt. Never blocks the caller; safe to
 * use from several threads. Nothing it logs or throws holds the API key.
 */
public final class VisionCaller {
  private static final Logger LOG = LoggerFactory.getLogger(VisionCaller.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MESSAGE_CHARS = 300;

  /**
   * @param connectTimeout for opening the connection
   * @param requestTimeout for the whole exchange, from sending to the last byte of the reply
   * @param maxAttempts attempts per call, the first included
   * @param longestRetryWait a {@code Retry-After} longer than this fails the call instead of
   *     holding it
   */
  public record Limits(
      Duration connectTimeout,
      Duration requestTimeout,
      int maxAttempts,
      Duration longestRetryWait) {
    public Limits {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
      }
    }

    /** The caller's part of the {@code vision.limits.*} keys. */
    public static Limits from(VisionLimitSettings settings) {
      return new Limits(
          settings.connectTimeout(),
          settings.requestTimeout(),
          settings.maxAttempts(),
          settings.longestRetryWait());
    }
  }

  private final ProviderProtocol protocol;
  private final Limits limits;
  private final Backoff backoff;
  private final CircuitBreaker breaker;
  private final HttpClient client;
  private final Supplier<String> untrusted;
  private final AtomicLong attempts = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final Map<VisionCallException.Kind, LongAdder> failures =
      new EnumMap<>(VisionCallException.Kind.class);

  public VisionCaller(
      ProviderProtocol protocol, Limits limits, Backoff backoff, CircuitBreaker breaker) {
    this(protocol, limits, backoff, breaker, () -> null);
  }

  /**
   * @param untrusted asked before every attempt: null when the destination may be sent to, else why
   *     not (a local server whose socket another user now owns); the call is then not made
   */
  public VisionCaller(
      ProviderProtocol protocol,
      Limits limits,
      Backoff backoff,
      CircuitBreaker breaker,
      Supplier<String> untrusted) {
    this.untrusted = untrusted;
    this.protocol = protocol;
    this.limits = limits;
    this.backoff = backoff;
    this.breaker = breaker;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(limits.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    for (VisionCallException.Kind kind : VisionCallException.Kind.values()) {
      failures.put(kind, new LongAdder());
    }
  }

  /** The reply, or a {@link VisionCallException} once retrying is over or cannot help. */
  public CompletableFuture<ProviderReply> call(VisionRequest request) {
    CompletableFuture<ProviderReply> result = new CompletableFuture<>();
    attempt(request, 1, result);
    return result;
  }

  private void attempt(
      VisionRequest request, int attempt, CompletableFuture<ProviderReply> result) {
    if (!breaker.tryAcquire()) {
      fail(
          result,
          new VisionCallException(
              VisionCallException.Kind.BREAKER_OPEN,
              protocol.name() + ": circuit breaker open after repeated failures; call not made",
              0,
              null,
              null));
      return;
    }
    String refusal = untrusted.get();
    if (refusal != null) {
      fail(
          result,
          new VisionCallException(
              VisionCallException.Kind.UNTRUSTED,
              protocol.name() + ": not sent: " + refusal,
              0,
              null,
              null));
      return;
    }
    attempts.incrementAndGet();
    HttpRequest http = protocol.request(request).timeout(limits.requestTimeout()).build();
    CompletableFuture<HttpResponse<String>> sent =
        client.sendAsync(http, HttpResponse.BodyHandlers.ofString());
    // HttpRequest.timeout ends the wait for the headers; this ends a reply that then trickles.
    AtomicBoolean timedOut = new AtomicBoolean();
    CompletableFuture.delayedExecutor(limits.requestTimeout().toNanos(), TimeUnit.NANOSECONDS)
        .execute(
            () -> {
              if (!sent.isDone()) {
                timedOut.set(true);
                sent.cancel(true);
              }
            });
    sent.whenComplete(
        (response, error) -> {
          try {
            ProviderReply reply = outcome(response, error, timedOut.get());
            breaker.onSuccess();
            result.complete(reply);
          } catch (VisionCallException e) {
            if (e.kind() == VisionCallException.Kind.MALFORMED) {
              breaker.onSuccess(); // the provider answered; the content is the problem
            } else {
              breaker.onFailure();
            }
            retryOrFail(request, attempt, result, e);
          }
        });
  }

  private void retryOrFail(
      VisionRequest request,
      int attempt,
      CompletableFuture<ProviderReply> result,
      VisionCallException failure) {
    boolean retryAfterTooLong =
        failure.retryAfter() != null
            && failure.retryAfter().compareTo(limits.longestRetryWait()) > 0;
    if (!failure.kind().retryable() || attempt >= limits.maxAttempts() || retryAfterTooLong) {
      fail(result, failure);
      return;
    }
    Duration wait = backoff.delay(attempt, failure.retryAfter());
    retries.incrementAndGet();
    LOG.warn(
        "vision: {} failed ({}), retry {} of {} in {} ms",
        protocol.name(),
        failure.getMessage(),
        attempt,
        limits.maxAttempts() - 1,
        wait.toMillis());
    CompletableFuture.delayedExecutor(wait.toNanos(), TimeUnit.NANOSECONDS)
        .execute(() -> attempt(request, attempt + 1, result));
  }

  private void fail(CompletableFuture<ProviderReply> result, VisionCallException failure) {
    failures.get(failure.kind()).increment();
    result.completeExceptionally(failure);
  }

  private ProviderReply outcome(HttpResponse<String> response, Throwable error, boolean timedOut)
      throws VisionCallException {
    if (error != null) {
      Throwable cause =
          error instanceof CompletionException && error.getCause() != null
              ? error.getCause()
              : error;
      if (timedOut || cause instanceof HttpTimeoutException) {
        throw new VisionCallException(
            VisionCallException.Kind.TIMEOUT,
            protocol.name()
                + ": no complete reply within "
                + limits.requestTimeout().toMillis()
                + " ms",
            0,
            null,
            null);
      }
      // A refused or dropped connection, or anything else that kept a reply from arriving.
      throw new VisionCallException(
          VisionCallException.Kind.CONNECTION,
          protocol.name() + ": connection failed: " + protocol.redact(String.valueOf(cause)),
          0,
          null,
          null);
    }
    int status = response.statusCode();
    String body = protocol.redact(response.body());
    if (status / 100 == 2) {
      try {
        return protocol.reply(response.body());
      } catch (MalformedReplyException e) {
        throw new VisionCallException(
            VisionCallException.Kind.MALFORMED,
            protocol.name() + ": " + e.getMessage(),
            status,
            null,
            body);
      }
    }
    Duration retryAfter =
        RetryAfter.parse(response.headers().firstValue("retry-after").orElse(null), Instant.now())
            .orElse(null);
    boolean unavailable = status == 429 || status == 529 || status / 100 == 5;
    throw new VisionCallException(
        unavailable ? VisionCallException.Kind.UNAVAILABLE : VisionCallException.Kind.REFUSED,
        protocol.name() + ": HTTP " + status + errorMessage(body),
        status,
        retryAfter,
        body);
  }

  /** The provider's own error message, when the body is the usual {"error": {...}} shape. */
  private static String errorMessage(String body) {
    try {
      JsonNode error = JSON.readTree(body).path("error");
      String message =
          error.isTextual()
              ? error.asText()
              : error.path("message").asText(error.path("type").asText());
      if (message.isEmpty()) {
        return "";
      }
      return ": "
          + (message.length() > MESSAGE_CHARS
              ? message.substring(0, MESSAGE_CHARS) + "..."
              : message);
    } catch (IOException | RuntimeException notJson) {
      return "";
    }
  }

  public CircuitBreaker breaker() {
    return breaker;
  }

  /** Requests sent, retries included. */
  public long attempts() {
    return attempts.get();
  }

  /** Attempts that were retries of a failed one. */
  public long retries() {
    return retries.get();
  }

  /** Calls that ended in a failure of {@code kind}. */
  public long failures(VisionCallException.Kind kind) {
    return failures.get(kind).sum();
  }
}

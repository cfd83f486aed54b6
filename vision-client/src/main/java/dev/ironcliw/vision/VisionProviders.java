package dev.ironcliw.vision;

import dev.ironcliw.config.VisionEndpointSettings;
import dev.ironcliw.config.VisionSettings;
import dev.ironcliw.flow.Backoff;
import dev.ironcliw.ring.OffHeapBudget;
import dev.ironcliw.vision.provider.AnthropicMessages;
import dev.ironcliw.vision.provider.ApiKey;
import dev.ironcliw.vision.provider.CircuitBreaker;
import dev.ironcliw.vision.provider.KeyFile;
import dev.ironcliw.vision.provider.ListenerOwner;
import dev.ironcliw.vision.provider.LocalModels;
import dev.ironcliw.vision.provider.OpenAiChatCompletions;
import dev.ironcliw.vision.provider.ProviderProtocol;
import dev.ironcliw.vision.provider.VisionCaller;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Builds the provider {@code vision.provider} names. For {@code auto}: Anthropic when its key is
 * set, else OpenAI when its key is set, else an OpenAI-compatible server answering at {@code
 * vision.auto.localBaseUrl} whose listening socket belongs to this user ({@link ListenerOwner},
 * checked again before every call), else none. The choice comes back with the one line to log.
 */
public final class VisionProviders {
  static final String ANTHROPIC_KEY_VARIABLE = "ANTHROPIC_API_KEY";
  static final String OPENAI_KEY_VARIABLE = "OPENAI_API_KEY";
  private static final Duration LOCAL_PROBE_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration BACKOFF_BASE = Duration.ofSeconds(1);
  private static final Duration BACKOFF_MAX = Duration.ofSeconds(30);

  /** The provider and the line that says why it was chosen. */
  public record Choice(VisionProvider provider, String message) {}

  /**
   * What a remote provider needs from the daemon.
   *
   * @param memory where queued pixels are counted
   * @param memoryComponent the budget they are counted under
   * @param listener who gets each batch's analysis
   * @param screenText the text read off the screen that goes with a batch
   */
  public record Wiring(
      OffHeapBudget memory,
      String memoryComponent,
      AnalysisListener listener,
      ScreenTextSource screenText) {}

  private VisionProviders() {}

  /**
   * @param environment the process environment (API keys)
   * @throws IllegalArgumentException naming the setting when a named provider cannot be set up
   */
  public static Choice select(VisionSettings s, Map<String, String> environment, Wiring wiring) {
    return switch (s.provider()) {
      case "none" ->
          new Choice(
              new NoVisionProvider("vision.provider is none"),
              "vision: provider none; changed frames are journaled only");
      case "anthropic" ->
          anthropic(s, requiredKey(s.anthropic(), environment, "anthropic"), wiring);
      case "openai" ->
          openai(s, s.openai(), optionalKey(s.openai(), environment, "openai"), wiring, "");
      case "auto" -> auto(s, environment, wiring);
      default ->
          throw new IllegalArgumentException(
              "vision.provider: unknown provider "
                  + s.provider()
                  + " (expected auto, anthropic, openai or none)");
    };
  }

  private static Choice auto(VisionSettings s, Map<String, String> environment, Wiring wiring) {
    Optional<ApiKey> anthropicKey = optionalKey(s.anthropic(), environment, "anthropic");
    if (anthropicKey.isPresent()) {
      return anthropic(s, anthropicKey.get(), wiring);
    }
    Optional<ApiKey> openaiKey = optionalKey(s.openai(), environment, "openai");
    if (openaiKey.isPresent()) {
      return openai(s, s.openai(), openaiKey, wiring, " (auto: an OpenAI key is set)");
    }
    String none =
        "vision: provider auto chose none: neither "
            + ANTHROPIC_KEY_VARIABLE
            + " nor "
            + OPENAI_KEY_VARIABLE
            + " is set and ";
    URI local = URI.create(s.localBaseUrl());
    ListenerOwner.Check owner = ListenerOwner.of(local);
    if (owner.verdict() == ListenerOwner.Verdict.OTHER_USER) {
      return new Choice(
          new NoVisionProvider("auto found a local server run by another user"),
          none
              + "the server at "
              + s.localBaseUrl()
              + " is not yours ("
              + owner.detail()
              + "), so it is sent nothing; changed frames are journaled only");
    }
    List<String> models =
        owner.verdict() == ListenerOwner.Verdict.SAME_USER
            ? LocalModels.list(s.localBaseUrl(), LOCAL_PROBE_TIMEOUT)
            : List.of();
    Optional<String> model =
        s.localModel().isEmpty()
            ? LocalModels.pickVisionModel(models)
            : Optional.of(s.localModel());
    if (!models.isEmpty() && model.isPresent()) {
      return openai(
          s,
          new VisionEndpointSettings(model.get(), s.localBaseUrl(), ""),
          Optional.empty(),
          wiring,
          " (auto: no API key set; the local server lists "
              + models.size()
              + " models, and "
              + owner.detail()
              + ")",
          () -> {
            ListenerOwner.Check now = ListenerOwner.of(local);
            return now.verdict() == ListenerOwner.Verdict.SAME_USER ? null : now.detail();
          });
    }
    if (owner.verdict() == ListenerOwner.Verdict.NO_LISTENER) {
      return new Choice(
          new NoVisionProvider("auto found no provider"),
          none
              + "no OpenAI-compatible server answers at "
              + s.localBaseUrl()
              + "; changed frames are journaled only");
    }
    return new Choice(
        new NoVisionProvider("auto found no provider it may use"),
        none
            + (owner.verdict() == ListenerOwner.Verdict.UNKNOWN
                ? "the server at "
                    + s.localBaseUrl()
                    + " cannot be checked to be yours ("
                    + owner.detail()
                    + "); to use it, set vision.provider: openai and vision.openai.baseUrl"
                : "the server at " + s.localBaseUrl() + " lists no vision model")
            + "; changed frames are journaled only");
  }

  private static Choice anthropic(VisionSettings s, ApiKey key, Wiring wiring) {
    ProviderProtocol protocol =
        new AnthropicMessages(URI.create(s.anthropic().baseUrl()), s.anthropic().model(), key);
    return new Choice(
        remote(s, protocol, wiring, () -> null),
        "vision: provider anthropic, model "
            + s.anthropic().model()
            + " at "
            + s.anthropic().baseUrl());
  }

  private static Choice openai(
      VisionSettings s,
      VisionEndpointSettings endpoint,
      Optional<ApiKey> key,
      Wiring wiring,
      String why) {
    return openai(s, endpoint, key, wiring, why, () -> null);
  }

  /**
   * @param untrusted asked before every call: why the server may no longer be sent to, or null
   */
  private static Choice openai(
      VisionSettings s,
      VisionEndpointSettings endpoint,
      Optional<ApiKey> key,
      Wiring wiring,
      String why,
      Supplier<String> untrusted) {
    ProviderProtocol protocol =
        new OpenAiChatCompletions(
            URI.create(endpoint.baseUrl()), endpoint.model(), key.orElse(null));
    return new Choice(
        remote(s, protocol, wiring, untrusted),
        "vision: provider openai, model "
            + endpoint.model()
            + " at "
            + endpoint.baseUrl()
            + (key.isPresent() ? " with an API key" : " without an API key")
            + why);
  }

  private static VisionProvider remote(
      VisionSettings s, ProviderProtocol protocol, Wiring wiring, Supplier<String> untrusted) {
    var limits = s.limits();
    VisionCaller caller =
        new VisionCaller(
            protocol,
            VisionCaller.Limits.from(limits),
            new Backoff(BACKOFF_BASE, BACKOFF_MAX, RandomGenerator.getDefault()),
            new CircuitBreaker(limits.breakerFailures(), limits.breakerOpenFor(), System::nanoTime),
            untrusted);
    return new RemoteVisionProvider(
        protocol,
        caller,
        limits,
        s.image().maxBytes(),
        wiring.memory(),
        wiring.memoryComponent(),
        wiring.listener(),
        wiring.screenText(),
        System::nanoTime,
        Clock.systemUTC());
  }

  private static ApiKey requiredKey(
      VisionEndpointSettings endpoint, Map<String, String> environment, String provider) {
    return optionalKey(endpoint, environment, provider)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "vision.provider "
                        + provider
                        + " needs an API key: set "
                        + variable(provider)
                        + " or vision."
                        + provider
                        + ".keyFile"));
  }

  /** The key from the environment, else from the key file, else none. */
  private static Optional<ApiKey> optionalKey(
      VisionEndpointSettings endpoint, Map<String, String> environment, String provider) {
    String fromEnvironment = environment.get(variable(provider));
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return Optional.of(ApiKey.of(fromEnvironment));
    }
    if (!endpoint.keyFile().isBlank()) {
      return Optional.of(
          KeyFile.read(Path.of(endpoint.keyFile()), "vision." + provider + ".keyFile"));
    }
    return Optional.empty();
  }

  private static String variable(String provider) {
    return provider.equals("anthropic") ? ANTHROPIC_KEY_VARIABLE : OPENAI_KEY_VARIABLE;
  }
}

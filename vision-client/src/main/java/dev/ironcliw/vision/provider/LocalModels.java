package dev.ironcliw.vision.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Asks an OpenAI-compatible server on this machine (Ollama, LM Studio) which models it has, so that
 * provider {@code auto} can use it without any configuration.
 */
public final class LocalModels {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> VISION_MARKERS =
      List.of("llava", "vision", "-vl", "vl:", "gemma3", "minicpm-v", "moondream", "bakllava");

  private LocalModels() {}

  /** The model ids {@code GET {baseUrl}/models} lists; empty when nothing answers in time. */
  public static List<String> list(String baseUrl, Duration timeout) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
    try {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(URI.create(baseUrl + "/models"))
                  .timeout(timeout)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return List.of();
      }
      List<String> ids = new ArrayList<>();
      for (JsonNode model : JSON.readTree(response.body()).path("data")) {
        String id = model.path("id").asText("");
        if (!id.isEmpty()) {
          ids.add(id);
        }
      }
      return ids;
    } catch (IOException | RuntimeException e) {
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    } finally {
      client.close();
    }
  }

  /** The first model whose name marks it as a vision model, else the first; empty for none. */
  public static Optional<String> pickVisionModel(List<String> models) {
    for (String id : models) {
      String lower = id.toLowerCase(Locale.ROOT);
      if (VISION_MARKERS.stream().anyMatch(lower::contains)) {
        return Optional.of(id);
      }
    }
    return models.stream().findFirst();
  }
}

package dev.ironcliw.daemon.mcp;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@link DaemonApi} over HTTP to a daemon at {@code host:port}, each call with the bearer token its
 * {@link Credentials} give (after whatever check they make of the server).
 */
public final class HttpDaemonApi implements DaemonApi, AutoCloseable {
  /** How long a call may take. */
  public static final Duration TIMEOUT = Duration.ofSeconds(5);

  /** The token for the next call, once the server is known to be the daemon. */
  @FunctionalInterface
  public interface Credentials {
    /**
     * @throws DaemonApiException when there is none to send (no token, no proof)
     * @throws IOException when the server cannot be asked ({@link ConnectException}: nothing
     *     answers)
     */
    String token(HttpClient http) throws IOException, InterruptedException;
  }

  private final String where;
  private final Credentials credentials;
  private HttpClient http; // made at the first call: a start that makes none is faster

  public HttpDaemonApi(String where, Credentials credentials) {
    this.where = where;
    this.credentials = credentials;
  }

  /** As {@link #HttpDaemonApi(String, Credentials)}, over a client that the caller shares. */
  public HttpDaemonApi(String where, Credentials credentials, HttpClient shared) {
    this(where, credentials);
    this.http = shared;
  }

  private synchronized HttpClient http() {
    if (http == null) {
      http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }
    return http;
  }

  @Override
  public JsonObject getJson(String path) {
    return json(send("GET", path, HttpResponse.BodyHandlers.ofString()));
  }

  @Override
  public byte[] getBytes(String path) {
    HttpResponse<byte[]> reply = send("GET", path, HttpResponse.BodyHandlers.ofByteArray());
    if (reply.statusCode() != 200) {
      throw failure(reply.statusCode(), new String(reply.body(), StandardCharsets.UTF_8));
    }
    return reply.body();
  }

  @Override
  public JsonObject post(String path) {
    return json(send("POST", path, HttpResponse.BodyHandlers.ofString()));
  }

  private JsonObject json(HttpResponse<String> reply) {
    if (reply.statusCode() != 200) {
      throw failure(reply.statusCode(), reply.body());
    }
    try {
      return new JsonObject(reply.body());
    } catch (DecodeException e) {
      throw new DaemonApiException(
          reply.statusCode(), "The daemon answered something that is not JSON.");
    }
  }

  /** The daemon's own message of a refusal ({@code {"error": {"message"}}}), or its status. */
  private static DaemonApiException failure(int status, String body) {
    String message;
    try {
      message = new JsonObject(body).getJsonObject("error", new JsonObject()).getString("message");
    } catch (DecodeException | ClassCastException e) {
      message = null;
    }
    return new DaemonApiException(
        status, message != null ? message : "The daemon answered HTTP " + status + ".");
  }

  /** {@code method} {@code path} of the API at {@code where}, without a body, with the token. */
  public static HttpRequest request(String where, String path, String method, String token) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://" + where + path))
            .timeout(TIMEOUT)
            .header("Authorization", "Bearer " + token);
    return (method.equals("GET")
            ? request.GET()
            : request.method(method, HttpRequest.BodyPublishers.noBody()))
        .build();
  }

  private <T> HttpResponse<T> send(String method, String path, HttpResponse.BodyHandler<T> body) {
    HttpClient http = http();
    try {
      return http.send(request(where, path, method, credentials.token(http)), body);
    } catch (ConnectException e) {
      throw new DaemonApiException(
          0,
          "The Ironcliw daemon is not running (nothing answers on "
              + where
              + "); start it with `ironcliw run` or `ironcliw service install`.");
    } catch (IOException e) {
      throw new DaemonApiException(
          0, "Asking the daemon on " + where + " failed: " + e.getMessage() + ".");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DaemonApiException(0, "Interrupted while asking the daemon.");
    }
  }

  @Override
  public synchronized void close() {
    if (http != null) {
      http.close();
    }
  }
}

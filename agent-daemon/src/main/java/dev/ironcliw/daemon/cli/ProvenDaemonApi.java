package dev.ironcliw.daemon.cli;

import dev.ironcliw.daemon.mcp.DaemonApi;
import dev.ironcliw.daemon.mcp.DaemonApiException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;

/**
 * {@link DaemonApi} over HTTP to the daemon {@code status} would ask: before each call it asks the
 * server to prove it holds the token ({@link DaemonProof}), and sends the token only then, so a
 * listener that took the port while the daemon was down never sees it. The token is read at each
 * call, so a rotation is followed.
 */
final class ProvenDaemonApi implements DaemonApi, AutoCloseable {
  private final LocalDaemon daemon;
  private HttpClient http; // made at the first call: a start that makes none is faster

  ProvenDaemonApi(LocalDaemon daemon) {
    this.daemon = daemon;
  }

  private synchronized HttpClient http() {
    if (http == null) {
      http = HttpClient.newBuilder().connectTimeout(LocalDaemon.TIMEOUT).build();
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

  private <T> HttpResponse<T> send(String method, String path, HttpResponse.BodyHandler<T> body) {
    String token = token();
    HttpClient http = http();
    try {
      String refusal =
          DaemonProof.check(
              http, daemon.where(), daemon.port(), token, daemon.tokenFile(), LocalDaemon.TIMEOUT);
      if (refusal != null) {
        throw new DaemonApiException(0, refusal);
      }
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create("http://" + daemon.where() + path))
              .timeout(LocalDaemon.TIMEOUT)
              .header("Authorization", "Bearer " + token);
      request =
          method.equals("GET")
              ? request.GET()
              : request.method(method, HttpRequest.BodyPublishers.noBody());
      return http.send(request.build(), body);
    } catch (ConnectException e) {
      throw new DaemonApiException(
          0,
          "The Ironcliw daemon is not running (nothing answers on "
              + daemon.where()
              + "); start it with `ironcliw run` or `ironcliw service install`.");
    } catch (IOException e) {
      throw new DaemonApiException(
          0, "Asking the daemon on " + daemon.where() + " failed: " + e.getMessage() + ".");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DaemonApiException(0, "Interrupted while asking the daemon.");
    }
  }

  private String token() {
    try {
      return Files.readString(daemon.tokenFile(), StandardCharsets.US_ASCII).trim();
    } catch (NoSuchFileException e) {
      throw new DaemonApiException(
          0,
          "There is no API token at "
              + daemon.tokenFile()
              + ": the daemon has not run with this data dir; start it with `ironcliw run`.");
    } catch (IOException e) {
      throw new DaemonApiException(
          0, "Cannot read the API token " + daemon.tokenFile() + ": " + e.getMessage() + ".");
    }
  }

  @Override
  public synchronized void close() {
    if (http != null) {
      http.close();
    }
  }
}

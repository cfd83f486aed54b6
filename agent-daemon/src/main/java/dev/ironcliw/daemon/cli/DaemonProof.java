package dev.ironcliw.daemon.cli;

import dev.ironcliw.daemon.api.TokenProof;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A local client's check that what listens on the daemon's port is the daemon before it sends the
 * token: the server must answer a fresh nonce with the proof only a holder of the token can give
 * ({@link TokenProof}). Another user's process on the port gets the nonce and nothing else.
 */
final class DaemonProof {
  private DaemonProof() {}

  /**
   * Asks for the proof.
   *
   * @param where host:port as the client connects
   * @return null when the server proved it holds {@code token}, else the one error line to show
   * @throws IOException when nothing answers (the caller says so)
   */
  static String check(
      HttpClient http, String where, int port, String token, Path tokenFile, Duration timeout)
      throws IOException, InterruptedException {
    String nonce = TokenProof.nonce();
    HttpResponse<String> reply =
        http.send(
            HttpRequest.newBuilder(URI.create("http://" + where + "/api/v1/proof?nonce=" + nonce))
                .timeout(timeout)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String proof = null;
    if (reply.statusCode() == 200) {
      try {
        proof = new JsonObject(reply.body()).getString("proof");
      } catch (DecodeException | ClassCastException e) {
        proof = null;
      }
    }
    if (TokenProof.holds(token, port, nonce, proof)) {
      return null;
    }
    return "what answers on "
        + where
        + " did not prove it holds the token in "
        + tokenFile
        + " (a daemon of another data dir, or not the daemon at all); the token was not sent";
  }
}

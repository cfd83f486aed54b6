package dev.ironcliw.daemon.cli;

import dev.ironcliw.config.ConfigLoader;
import dev.ironcliw.config.IroncliwConfig;
import dev.ironcliw.daemon.lifecycle.ExitCodes;
import dev.ironcliw.daemon.mcp.HttpDaemonApi;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The daemon that {@code run} with the same options would start, as a command on this machine
 * reaches it: the address of its {@code api.port} and {@code api.bindAddress}, and the API token in
 * its data dir. The token goes only to a server that proved it holds it ({@link DaemonProof}).
 *
 * @param where host:port to connect to
 * @param port the daemon's port, which its proof names
 * @param tokenFile the API token's file in the data dir
 */
record LocalDaemon(String where, int port, Path tokenFile) {
  static final Duration TIMEOUT = HttpDaemonApi.TIMEOUT;

  /**
   * What asking the daemon a command's run options select gave: its reply, or, with a null reply,
   * the exit status of why not (already told on stderr).
   */
  record Asked(LocalDaemon daemon, HttpResponse<String> reply, int failure) {
    /** The reply's JSON body; empty when it is not JSON. */
    JsonObject body() {
      try {
        return new JsonObject(reply.body());
      } catch (DecodeException e) {
        return new JsonObject();
      }
    }

    /**
     * The body of a 200 reply; null once {@code err} was told why there is none (no daemon, or its
     * error's message), and then {@link #failureStatus} is the exit status.
     */
    JsonObject answer(PrintStream err) {
      if (reply == null) {
        return null;
      }
      if (reply.statusCode() != 200) {
        JsonObject error = body().getJsonObject("error", new JsonObject());
        err.println("ironcliw: error: " + error.getString("message", "HTTP " + reply.statusCode()));
        return null;
      }
      return body();
    }

    /** The exit status when {@link #answer} gave none: {@link ExitCodes#USAGE} for a 400. */
    int failureStatus() {
      if (reply == null) {
        return failure;
      }
      return reply.statusCode() == 400 ? ExitCodes.USAGE : ExitCodes.FAILURE;
    }
  }

  /**
   * Asks {@code method} {@code path} of the daemon {@code runOptions} select, with its token once
   * it proved it holds it.
   */
  static Asked ask(List<String> runOptions, String path, String method, PrintStream err) {
    RunSelection selection = RunSelection.select(runOptions, ConfigLoader.forThisMachine(), err);
    if (selection == null) {
      return new Asked(null, null, ExitCodes.USAGE);
    }
    LocalDaemon daemon = of(selection.config());
    String token =
        daemon.readToken(
            err, ": no daemon has run with this data dir (give the --data-dir it runs with)");
    HttpResponse<String> reply = token == null ? null : daemon.ask(token, path, method, err);
    return new Asked(daemon, reply, reply == null ? ExitCodes.FAILURE : ExitCodes.OK);
  }

  static LocalDaemon of(IroncliwConfig config) {
    return new LocalDaemon(
        connectHost(config.api().bindAddress()) + ":" + config.api().port(),
        config.api().port(),
        config.dataDir().resolve("api-token"));
  }

  /** Where to reach a daemon bound to {@code bindAddress}: loopback for a wildcard. */
  static String connectHost(String bindAddress) {
    return switch (bindAddress) {
      case "0.0.0.0", "", "::", "[::]" -> "127.0.0.1";
      default -> bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
    };
  }

  /**
   * The token, or null once {@code err} was told why there is none.
   *
   * @param whenMissing what follows "no API token at FILE" when the file is not there
   */
  String readToken(PrintStream err, String whenMissing) {
    try {
      return Files.readString(tokenFile, StandardCharsets.US_ASCII).trim();
    } catch (NoSuchFileException e) {
      err.println("ironcliw: error: no API token at " + tokenFile + whenMissing);
    } catch (IOException e) {
      err.println(
          "ironcliw: error: cannot read the API token " + tokenFile + ": " + e.getMessage());
    }
    return null;
  }

  /**
   * {@link #sendProven} on a client of its own, with what went wrong told on {@code err}: nothing
   * answering, a failed exchange, no proof. Null when something did.
   */
  HttpResponse<String> ask(String token, String path, String method, PrintStream err) {
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
      return sendProven(http, token, path, method, err);
    } catch (java.net.ConnectException e) {
      err.println(
          "ironcliw: error: no daemon answers on "
              + where
              + " (start one with ./ironcliw run, or give the --port it runs with)");
    } catch (IOException e) {
      err.println("ironcliw: error: asking the daemon on " + where + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return null;
  }

  /**
   * Sends {@code method} {@code path} (of the API, without a body) with the token, once the server
   * proved it holds it; null once {@code err} was told it did not.
   *
   * @throws IOException when nothing answers ({@link java.net.ConnectException}) or the exchange
   *     fails
   */
  HttpResponse<String> sendProven(
      HttpClient http, String token, String path, String method, PrintStream err)
      throws IOException, InterruptedException {
    String refusal = DaemonProof.check(http, where, port, token, tokenFile, TIMEOUT);
    if (refusal != null) {
      err.println("ironcliw: error: " + refusal);
      return null;
    }
    return http.send(
        HttpDaemonApi.request(where, path, method, token), HttpResponse.BodyHandlers.ofString());
  }
}

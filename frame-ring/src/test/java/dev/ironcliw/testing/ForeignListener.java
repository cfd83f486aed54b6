package dev.ironcliw.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP server run by another local user (uid 65534, nobody), as an attacker on the same machine
 * would run one: it answers every request with one JSON body and reports each request it got
 * (method, path, Authorization header). Started through {@code setpriv}, so the test must run as
 * root; skips (or fails in CI) otherwise.
 */
public final class ForeignListener implements AutoCloseable {
  /** The user it runs as: nobody. */
  public static final int UID = 65534;

  private static final String SOURCE =
      """
      import com.sun.net.httpserver.HttpServer;
      import java.net.InetAddress;
      import java.net.InetSocketAddress;
      import java.nio.charset.StandardCharsets;

      public class Listener {
        public static void main(String[] args) throws Exception {
          byte[] body = args[1].getBytes(StandardCharsets.UTF_8);
          HttpServer server = HttpServer.create(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0])), 0);
          server.createContext("/", exchange -> {
            System.out.println("request " + exchange.getRequestMethod() + " "
                + exchange.getRequestURI() + " authorization="
                + exchange.getRequestHeaders().getFirst("Authorization"));
            System.out.flush();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
          });
          server.start();
          System.out.println("listening");
          System.out.flush();
        }
      }
      """;

  private final Process process;
  private final List<String> requests = new ArrayList<>();
  private final Thread reader;

  private ForeignListener(Process process) {
    this.process = process;
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    boolean[] listening = {false};
    this.reader =
        Thread.ofPlatform()
            .daemon()
            .name("foreign-listener-output")
            .start(
                () -> {
                  try {
                    for (String line; (line = out.readLine()) != null; ) {
                      synchronized (requests) {
                        if (line.equals("listening")) {
                          listening[0] = true;
                        } else if (line.startsWith("request ")) {
                          requests.add(line.substring("request ".length()));
                        }
                      }
                    }
                  } catch (IOException e) {
                    // the process ended
                  }
                });
    Waits.await("the other user's listener", Duration.ofSeconds(30))
        .until(
            () -> {
              synchronized (requests) {
                if (!process.isAlive()) {
                  throw new AssertionError("the other user's listener exited");
                }
                return listening[0];
              }
            });
  }

  /**
   * Starts it on 127.0.0.1:{@code port}, answering {@code body}.
   *
   * @param dir a folder of the test's; the server's source is written into it for the other user
   */
  public static ForeignListener start(Path dir, int port, String body) throws IOException {
    Path setpriv = Path.of("/usr/bin/setpriv");
    boolean root = "root".equals(System.getProperty("user.name"));
    NativeRequirement.require(
        root && Files.isExecutable(setpriv),
        NativePiece.ROOT,
        root ? "setpriv (util-linux) is not installed" : "the tests do not run as root");
    Path folder = Files.createDirectories(dir.resolve("foreign-listener"));
    Path source = folder.resolve("Listener.java");
    Files.writeString(source, SOURCE);
    // The other user must reach the source: the test's folders up to the temp dir let it pass.
    Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
    if (!folder.toAbsolutePath().startsWith(tmp)) {
      throw new IllegalArgumentException(folder + " is not under the temp dir " + tmp);
    }
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    for (Path p = folder.toAbsolutePath().getParent(); !p.equals(tmp); p = p.getParent()) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx--x--x"));
    }
    Files.setPosixFilePermissions(source, PosixFilePermissions.fromString("rw-r--r--"));
    Process process =
        new ProcessBuilder(
                setpriv.toString(),
                "--reuid=" + UID,
                "--regid=" + UID,
                "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                source.toString(),
                Integer.toString(port),
                body)
            .redirectErrorStream(true)
            .start();
    return new ForeignListener(process);
  }

  /** The requests it got so far: "METHOD path authorization=HEADER". */
  public List<String> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      reader.join(10_000);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}

package dev.ironcliw.vision.provider;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Who runs the server behind a local URL: before {@code vision.provider: auto} sends a screen to a
 * server it found on this machine, the socket listening on that port must belong to the user the
 * daemon runs as, or another local user could collect the screenshots and answer with forged
 * advice. On Linux the listening sockets and their owners are in {@code /proc/net/tcp} and {@code
 * tcp6}; elsewhere (macOS) the owner is not checked, so the answer is {@link Verdict#UNKNOWN}.
 * Stateless and thread-safe.
 */
public final class ListenerOwner {
  private static final Path TCP = Path.of("/proc/net/tcp");
  private static final Path TCP6 = Path.of("/proc/net/tcp6");
  private static final String LISTEN = "0A";

  /** What was found. */
  public enum Verdict {
    /** Every socket listening on the port belongs to this user. */
    SAME_USER,
    /** A socket listening on the port belongs to another user. */
    OTHER_USER,
    /** No socket listens on the port: nothing runs there. */
    NO_LISTENER,
    /** It cannot be told (not Linux, not a loopback address). */
    UNKNOWN
  }

  /**
   * @param verdict what was found
   * @param detail how, in words, for the start line and status
   */
  public record Check(Verdict verdict, String detail) {}

  private ListenerOwner() {}

  /** Who listens behind {@code url} (its host and port), for the user this process runs as. */
  public static Check of(URI url) {
    InetAddress address;
    try {
      address = InetAddress.getByName(url.getHost());
    } catch (UnknownHostException e) {
      return new Check(Verdict.UNKNOWN, url.getHost() + " does not resolve");
    }
    if (!address.isLoopbackAddress()) {
      return new Check(Verdict.UNKNOWN, url.getHost() + " is not on this machine's loopback");
    }
    int port = url.getPort() >= 0 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
    if (!Files.isReadable(TCP)) {
      return new Check(
          Verdict.UNKNOWN,
          "the owner of a listening socket is only checked on Linux (/proc/net/tcp)");
    }
    try {
      List<String> tables = new ArrayList<>(Files.readAllLines(TCP));
      if (Files.isReadable(TCP6)) {
        tables.addAll(Files.readAllLines(TCP6));
      }
      long uid = ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
      return check(tables, port, uid);
    } catch (IOException | UnsupportedOperationException e) {
      return new Check(Verdict.UNKNOWN, "cannot read the socket tables: " + e.getMessage());
    }
  }

  /**
   * The verdict for {@code port} from the lines of {@code /proc/net/tcp} and {@code tcp6}: every
   * socket listening on it, whatever its address (a wildcard listener takes loopback connections
   * too), must belong to {@code uid}.
   */
  static Check check(List<String> tableLines, int port, long uid) {
    String portHex = String.format(Locale.ROOT, "%04X", port);
    List<Long> owners = new ArrayList<>();
    for (String line : tableLines) {
      String[] f = line.trim().split("\\s+");
      // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
      if (f.length < 10 || !f[0].endsWith(":") || !f[3].equals(LISTEN)) {
        continue;
      }
      String local = f[1];
      int colon = local.lastIndexOf(':');
      if (colon < 0 || !local.substring(colon + 1).equalsIgnoreCase(portHex)) {
        continue;
      }
      owners.add(Long.parseLong(f[7]));
    }
    if (owners.isEmpty()) {
      return new Check(Verdict.NO_LISTENER, "no socket listens on port " + port);
    }
    for (long owner : owners) {
      if (owner != uid) {
        return new Check(
            Verdict.OTHER_USER,
            "the socket listening on port " + port + " belongs to uid " + owner + ", not " + uid);
      }
    }
    return new Check(
        Verdict.SAME_USER,
        "the socket listening on port " + port + " belongs to this user (uid " + uid + ")");
  }
}

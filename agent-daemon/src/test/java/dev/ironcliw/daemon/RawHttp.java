package dev.ironcliw.daemon;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, for requests java.net.http will not send: a foreign Host header, a
 * malformed target, a Content-Length the body does not have.
 */
final class RawHttp {
  /** What came back: the status, the headers as text (lower-case names) and the body. */
  record Reply(int status, String headers, String body) {
    String header(String name) {
      for (String line : headers.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return null;
    }
  }

  private RawHttp() {}

  /**
   * Sends {@code head} (request line and headers, without the blank line) and {@code body}, and
   * reads the reply until the server closes (the request says Connection: close).
   */
  static Reply send(int port, String head, byte[] body) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write((head + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      try {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          all.write(buffer, 0, n);
        }
      } catch (java.net.SocketException reset) {
        // the server may close while a refused body is still being sent
      }
      String text = all.toString(StandardCharsets.ISO_8859_1);
      int headEnd = text.indexOf("\r\n\r\n");
      if (!text.startsWith("HTTP/1.") || headEnd < 0) {
        throw new IOException("not an HTTP reply: " + text);
      }
      String headers = text.substring(0, headEnd);
      int status = Integer.parseInt(text.substring(9, 12));
      String rest = text.substring(headEnd + 4);
      String encoding = new Reply(status, headers, "").header("Transfer-Encoding");
      if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
        rest = unchunk(rest); // sizes are in bytes: still one char per byte here
      }
      return new Reply(
          status,
          headers,
          new String(rest.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }
  }

  /** {@code GET target} with the token and {@code extraHeaders} (lines joined by CRLF). */
  static Reply get(int port, String target, String token, String extraHeaders) throws IOException {
    String head =
        "GET "
            + target
            + " HTTP/1.1\r\nHost: 127.0.0.1:"
            + port
            + (token == null ? "" : "\r\nAuthorization: Bearer " + token)
            + (extraHeaders.isEmpty() ? "" : "\r\n" + extraHeaders);
    return send(port, head, new byte[0]);
  }

  private static String unchunk(String chunked) {
    StringBuilder body = new StringBuilder();
    int at = 0;
    while (at < chunked.length()) {
      int lineEnd = chunked.indexOf("\r\n", at);
      if (lineEnd < 0) {
        break;
      }
      int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
      if (size == 0) {
        break;
      }
      body.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
    return body.toString();
  }
}

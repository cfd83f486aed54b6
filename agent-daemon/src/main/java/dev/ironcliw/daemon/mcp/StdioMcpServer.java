package dev.ironcliw.daemon.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ironcliw mcp}'s server: the {@link ScreenTools} and {@link CurrentScreen} over standard
 * input and output, until the client closes its end. Only the protocol goes to standard output; the
 * log goes to standard error.
 */
public final class StdioMcpServer {
  public static final String NAME = "ironcliw";

  /** What a client is told of the server when it connects. */
  static final String INSTRUCTIONS =
      "Ironcliw keeps a private history of the user's screen: the text on it, the windows that had"
          + " the focus and what a vision model noticed. Search it with search_screen, look at a"
          + " frame with get_frame. Paused capture and windows the user excluded are not in it.";

  private StdioMcpServer() {}

  /**
   * Serves until {@code in} ends.
   *
   * @param ready told once the server answers
   */
  public static void serve(
      DaemonApi api, String version, InputStream in, OutputStream out, Runnable ready)
      throws InterruptedException {
    CountDownLatch ended = new CountDownLatch(1);
    StdioServerTransportProvider transport =
        new StdioServerTransportProvider(
            McpJsonDefaults.getMapper(), new EndWatchingStream(in, ended), out);
    McpSyncServer server =
        McpServer.sync(transport)
            .serverInfo(NAME, version)
            .instructions(INSTRUCTIONS)
            .capabilities(ServerCapabilities.builder().tools(false).resources(false, false).build())
            .tools(new ScreenTools(api, Clock.systemUTC()).specifications())
            .resources(CurrentScreen.specification(api))
            .build();
    ready.run();
    try {
      ended.await();
    } finally {
      server.closeGracefully();
    }
  }

  /** Standard input that says when it ends. */
  private static final class EndWatchingStream extends FilterInputStream {
    private final CountDownLatch ended;

    EndWatchingStream(InputStream in, CountDownLatch ended) {
      super(in);
      this.ended = ended;
    }

    @Override
    public int read() throws IOException {
      return ended(super.read());
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return ended(super.read(b, off, len));
    }

    private int ended(int read) {
      if (read < 0) {
        ended.countDown();
      }
      return read;
    }
  }
}

package dev.ironcliw.daemon.api;

import dev.ironcliw.daemon.lifecycle.StartupException;
import dev.ironcliw.daemon.vault.HistoryKeys;
import dev.ironcliw.daemon.vault.HistoryVault;
import dev.ironcliw.daemon.vault.MasterKeyStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;

/**
 * {@code POST /api/v1/history/key}: rotates the history's master key while the daemon runs ({@link
 * HistoryVault#rotate(HistoryKeys, MasterKeyStore, Path)}), on a worker thread: capture, the
 * journal and the index go on, and the data keys made meanwhile are wrapped under the new key.
 */
public final class KeyRoutes {
  private final Vertx vertx;
  private final HistoryKeys keys;
  private final MasterKeyStore store;
  private final Path dataDir;

  /**
   * @param keys the history's keys, null when it is not encrypted
   * @param store where its master key is
   */
  public KeyRoutes(Vertx vertx, HistoryKeys keys, MasterKeyStore store, Path dataDir) {
    this.vertx = vertx;
    this.keys = keys;
    this.store = store;
    this.dataDir = dataDir;
  }

  public void mount(Router router) {
    router.post("/api/v1/history/key").handler(this::rotate);
  }

  private void rotate(RoutingContext ctx) {
    if (keys == null) {
      ApiError.send(
          ctx,
          409,
          "not_encrypted",
          "the history in " + dataDir + " has no keys to rotate (privacy.encrypt is false)");
      return;
    }
    vertx
        .executeBlocking(() -> HistoryVault.rotate(keys, store, dataDir), false)
        .onSuccess(
            line ->
                ApiServer.json(
                    ctx,
                    200,
                    new JsonObject()
                        .put("rotated", line)
                        .put("dataKeys", keys.size())
                        .put("keyStore", store.describe())))
        .onFailure(
            e -> {
              if (e instanceof StartupException refused) {
                ApiError.send(ctx, 503, "key_store_unavailable", refused.getMessage());
              } else {
                ctx.fail(e);
              }
            });
  }
}

package dev.ironcliw.daemon.api;

import dev.ironcliw.config.ConfigException;
import dev.ironcliw.config.ConfigWatcher;
import dev.ironcliw.config.IroncliwConfig;
import dev.ironcliw.config.schema.ConfigSchema;
import dev.ironcliw.config.schema.Setting;
import dev.ironcliw.config.schema.ValueType;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code GET /api/v1/config}: every key's running value, where it came from (default, file, flag,
 * api) and whether it applies live. {@code PUT /api/v1/config/{key}} with {@code {"value": "..."}}
 * sets a live key until restart, checked like a file edit; a rejected value changes nothing.
 */
public final class ConfigRoutes {
  private final Vertx vertx;
  private final ConfigWatcher watcher;

  public ConfigRoutes(Vertx vertx, ConfigWatcher watcher) {
    this.vertx = vertx;
    this.watcher = watcher;
  }

  void mount(Router router) {
    router.get("/api/v1/config").handler(ctx -> ok(ctx, all(watcher.current())));
    router
        .put("/api/v1/config/:key")
        .handler(BodyHandler.create().setBodyLimit(ApiParams.MAX_BODY_BYTES))
        .handler(this::put);
  }

  private JsonObject all(IroncliwConfig config) {
    JsonArray keys = new JsonArray();
    for (Setting<?> s : ConfigSchema.settings()) {
      keys.add(entry(config, s));
    }
    return new JsonObject().put("file", watcher.file().toString()).put("keys", keys);
  }

  private static JsonObject entry(IroncliwConfig config, Setting<?> s) {
    JsonObject entry =
        new JsonObject()
            .put("key", s.path())
            .put("value", config.rawValues().get(s.path()))
            .put("source", config.sources().get(s.path()).label())
            .put("live", s.live())
            .put("default", s.defaultValue());
    if (s.type() == ValueType.SIZE || s.type() == ValueType.DISK_SIZE) {
      entry.put("bytes", bytesOf(config, s.path()));
    }
    return entry;
  }

  /** The resolved size of a SIZE key, as the daemon uses it. */
  private static long bytesOf(IroncliwConfig config, String path) {
    return switch (path) {
      case "memory.total" -> config.memory().totalBytes();
      case "memory.budgets.frameRing" -> config.memory().frameRingBytes();
      case "memory.budgets.dedup" -> config.memory().dedupBytes();
      case "memory.budgets.visionQueue" -> config.memory().visionQueueBytes();
      case "memory.budgets.gpuBuffers" -> config.memory().gpuBuffersBytes();
      case "memory.budgets.journalCaches" -> config.memory().journalCachesBytes();
      case "memory.budgets.textIndex" -> config.memory().textIndexBytes();
      case "memory.budgets.heap" -> config.memory().heapBytes();
      case "vision.image.maxBytes" -> config.vision().image().maxBytes();
      case "vision.limits.maxRequestBytes" -> config.vision().limits().maxRequestBytes();
      case "vision.limits.maxBytesPerHour" -> config.vision().limits().maxBytesPerHour();
      case "history.retention.maxBytes" -> config.history().maxBytes();
      case "history.disk.keyframesMinFree" -> config.history().keyframesMinFreeBytes();
      case "history.disk.recordsMinFree" -> config.history().recordsMinFreeBytes();
      default -> throw new IllegalStateException("a size key without a resolved value: " + path);
    };
  }

  private void put(RoutingContext ctx) {
    String key = ctx.pathParam("key");
    Setting<?> setting = ConfigSchema.find(key).orElse(null);
    if (setting == null) {
      ApiError.send(ctx, 404, "unknown_key", key + " is not a configuration key");
      return;
    }
    String value;
    try {
      JsonObject body = ctx.body().asJsonObject();
      Object raw = body == null ? null : body.getValue("value");
      if (!(raw instanceof String || raw instanceof Number || raw instanceof Boolean)) {
        throw new DecodeException("no value");
      }
      value = String.valueOf(raw);
    } catch (DecodeException | ClassCastException e) {
      ApiError.send(
          ctx,
          400,
          "bad_body",
          "the body must be JSON {\"value\": ...} with a text, number or boolean value");
      return;
    }
    if (!setting.live()) {
      ApiError.send(
          ctx,
          409,
          "restart_key",
          key + " takes effect only at a restart; set it in " + watcher.file() + " instead");
      return;
    }
    vertx
        .executeBlocking(() -> watcher.set(key, value))
        .onSuccess(config -> ok(ctx, entry(config, setting)))
        .onFailure(
            failure -> {
              if (failure instanceof ConfigException e) {
                ApiError.send(ctx, 400, "invalid_value", e.getMessage());
              } else {
                ctx.fail(failure);
              }
            });
  }

  private static void ok(RoutingContext ctx, JsonObject body) {
    ctx.response()
        .setStatusCode(200)
        .putHeader("Content-Type", "application/json")
        .end(body.encode());
  }
}

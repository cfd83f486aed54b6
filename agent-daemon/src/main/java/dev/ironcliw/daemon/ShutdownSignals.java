package dev.ironcliw.daemon;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles SIGTERM and SIGINT itself, so a graceful stop exits 0 rather than the 143/130 a plain
 * shutdown hook would give. Uses {@code sun.misc.Signal} (jdk.unsupported) through reflection,
 * which keeps the compile free of internal-API warnings; where it is missing, the JVM's own
 * shutdown hook still stops the daemon.
 */
final class ShutdownSignals {
  private static final Logger LOG = LoggerFactory.getLogger(ShutdownSignals.class);

  private ShutdownSignals() {}

  static void install(Runnable onSignal) {
    try {
      Class<?> signalClass = Class.forName("sun.misc.Signal");
      Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
      Object handler =
          Proxy.newProxyInstance(
              ShutdownSignals.class.getClassLoader(),
              new Class<?>[] {handlerClass},
              (proxy, method, args) -> {
                if (method.getName().equals("handle")) {
                  Thread.ofPlatform().name("shutdown").start(onSignal);
                }
                return null;
              });
      Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
      for (String name : new String[] {"TERM", "INT"}) {
        handle.invoke(null, signalClass.getConstructor(String.class).newInstance(name), handler);
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn(
          "cannot install signal handlers; relying on the JVM shutdown hook: {}", e.toString());
    }
  }
}

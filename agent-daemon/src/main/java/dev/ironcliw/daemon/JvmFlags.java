package dev.ironcliw.daemon;

import java.util.List;

/**
 * The JVM flags the stack needs (the Vector API module, native access for JNA and the FFM API,
 * Chronicle's opens), for code that starts a JVM running it: tests that start the daemon, the
 * in-process benchmarks. The launcher script and JMH's {@code BenchmarkDefaults} carry the same
 * list, where Java code cannot reach.
 */
public final class JvmFlags {
  public static final List<String> REQUIRED =
      List.of(
          "--add-modules=jdk.incubator.vector",
          "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
          "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--enable-native-access=ALL-UNNAMED",
          "--sun-misc-unsafe-memory-access=allow",
          "-Dchronicle.analytics.disable=true",
          "-Dchronicle.disk.monitor.disable=true",
          "-Djava.awt.headless=true");

  private JvmFlags() {}
}

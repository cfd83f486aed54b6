package dev.ironcliw.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Notes every test skipped for a missing {@link NativePiece} and, when the test JVM's plan is done,
 * writes them to a file of its own under the directory {@value #DIRECTORY_PROPERTY} names (the
 * parent pom sets it to the build's {@code target/native-skips}), one {@code
 * PIECE<tab>TestClass<tab>unique id} line each; an empty file when none was skipped. {@link
 * NativeSkipSummary} reads them at the end of the build. Registered by this jar's service file for
 * the test JVMs of every module that has it.
 */
public final class NativeSkipListener implements TestExecutionListener {
  public static final String DIRECTORY_PROPERTY = "ironcliw.nativeSkipsDir";

  private final List<String> lines = new ArrayList<>();

  @Override
  public void executionFinished(TestIdentifier test, TestExecutionResult result) {
    if (result.getStatus() == TestExecutionResult.Status.ABORTED
        && result.getThrowable().orElse(null) instanceof NativePieceMissing missing) {
      synchronized (lines) {
        lines.add(missing.piece().name() + "\t" + className(test) + "\t" + test.getUniqueId());
      }
    }
  }

  @Override
  public void testPlanExecutionFinished(TestPlan plan) {
    String directory = System.getProperty(DIRECTORY_PROPERTY);
    if (directory == null || directory.isBlank()) {
      return; // not run by the build (an IDE, say)
    }
    try {
      Path dir = Files.createDirectories(Path.of(directory));
      StringBuilder text = new StringBuilder();
      synchronized (lines) {
        lines.forEach(line -> text.append(line).append('\n'));
      }
      Files.writeString(
          dir.resolve(ProcessHandle.current().pid() + ".tsv"),
          text.toString(),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record the native skips in " + directory, e);
    }
  }

  /** The simple name of the test's class. */
  private static String className(TestIdentifier test) {
    TestSource source = test.getSource().orElse(null);
    String name =
        source instanceof MethodSource method
            ? method.getClassName()
            : source instanceof ClassSource type ? type.getClassName() : test.getDisplayName();
    return name.substring(name.lastIndexOf('.') + 1);
  }
}

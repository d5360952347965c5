package io.cairn.jcache;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures what is logged while it is open: the tests' SLF4J binding (slf4j-simple) writes to
 * whatever {@code System.err} is at the time. What was captured is echoed to the real stream on
 * close, so it still shows in the test output.
 */
public final class LogCapture implements AutoCloseable {
  private final PrintStream original = System.err;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  /** Starts capturing. */
  public LogCapture() {
    System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
  }

  /** Everything logged so far. */
  public synchronized String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** How many lines logged so far contain {@code fragment}. */
  public long lines(String fragment) {
    return text().lines().filter(line -> line.contains(fragment)).count();
  }

  @Override
  public void close() {
    System.setErr(original);
    original.print(text());
  }
}

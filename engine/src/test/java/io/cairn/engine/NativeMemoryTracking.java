package io.cairn.engine;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Reads the JVM's own Native Memory Tracking summary in-process, through the DiagnosticCommand
 * MBean (the same text as {@code jcmd <pid> VM.native_memory summary}). Needs the JVM started with
 * {@code -XX:NativeMemoryTracking=summary}, as the engine's surefire configuration does.
 *
 * <p>{@code Unsafe.allocateMemory}, and so Agrona's and direct buffers' memory, is counted under
 * the "Other" category. Its line reads, on Java 17 and Java 25 alike:
 *
 * <pre>
 * -                     Other (reserved=34KB, committed=34KB)
 * </pre>
 *
 * A category under 1 KB is left out of the report altogether, which reads here as zero.
 */
final class NativeMemoryTracking {

  private static final Pattern OTHER =
      Pattern.compile(
          "^-\\s*Other\\s*\\(reserved=(\\d+)\\s*([KMG]?B),\\s*committed=(\\d+)\\s*([KMG]?B)",
          Pattern.MULTILINE);

  private NativeMemoryTracking() {}

  /** The full summary report. */
  static String summary() {
    try {
      return (String)
          ManagementFactory.getPlatformMBeanServer()
              .invoke(
                  new ObjectName("com.sun.management:type=DiagnosticCommand"),
                  "vmNativeMemory",
                  new Object[] {new String[] {"summary"}},
                  new String[] {String[].class.getName()});
    } catch (JMException e) {
      throw new IllegalStateException("cannot read Native Memory Tracking", e);
    }
  }

  /** Bytes committed in the "Other" category now. */
  static long otherCommittedBytes() {
    return otherCommittedBytes(summary());
  }

  /** Bytes committed in the "Other" category of {@code report}. */
  static long otherCommittedBytes(String report) {
    if (!report.contains("Native Memory Tracking:")) {
      throw new IllegalStateException(
          "Native Memory Tracking is off; run with -XX:NativeMemoryTracking=summary: " + report);
    }
    Matcher m = OTHER.matcher(report);
    return m.find() ? Long.parseLong(m.group(3)) * unit(m.group(4)) : 0;
  }

  private static long unit(String unit) {
    return switch (unit.toUpperCase(Locale.ROOT)) {
      case "B" -> 1;
      case "KB" -> 1L << 10;
      case "MB" -> 1L << 20;
      case "GB" -> 1L << 30;
      default -> throw new IllegalArgumentException("unit " + unit);
    };
  }
}

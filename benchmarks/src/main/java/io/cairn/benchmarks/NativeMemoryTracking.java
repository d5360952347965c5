package io.cairn.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The JVM's own count of native memory, from Native Memory Tracking (NMT): the committed bytes of
 * its "Other" category, where memory from {@code Unsafe.allocateMemory} and direct buffers is
 * counted. Read through the {@code vmNativeMemory} operation of the DiagnosticCommand MBean, the
 * same as {@code jcmd <pid> VM.native_memory summary}.
 *
 * <p>Only available when the JVM was started with {@code -XX:NativeMemoryTracking=summary} (or
 * {@code detail}). Thread-safe: every call asks the JVM afresh.
 */
public final class NativeMemoryTracking {

  /** The line of the "Other" category in the summary at scale KB, e.g. {@code - Other (re...}. */
  private static final Pattern OTHER =
      Pattern.compile("-\\s+Other \\(reserved=(\\d+)KB, committed=(\\d+)KB\\)");

  private NativeMemoryTracking() {}

  /** The committed bytes of NMT's "Other" category, or empty if NMT is off or unreadable. */
  public static OptionalLong otherCommittedBytes() {
    String summary = summary();
    Matcher m = OTHER.matcher(summary);
    return m.find() ? OptionalLong.of(Long.parseLong(m.group(2)) * 1024) : OptionalLong.empty();
  }

  /** The text of {@code VM.native_memory summary scale=KB}, or an explanation why there is none. */
  static String summary() {
    try {
      Object text =
          ManagementFactory.getPlatformMBeanServer()
              .invoke(
                  new ObjectName("com.sun.management:type=DiagnosticCommand"),
                  "vmNativeMemory",
                  new Object[] {new String[] {"summary", "scale=KB"}},
                  new String[] {String[].class.getName()});
      return String.valueOf(text);
    } catch (JMException e) {
      return "NMT unavailable: " + e;
    }
  }
}

package io.cairn.engine.memory;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the {@link Backend} once per JVM, when this class is loaded (the first {@link
 * NativeMemory} is made): {@link Backend#FOREIGN} on Java 22 and later, {@link Backend#UNSAFE}
 * before. The system property {@value #PROPERTY} forces one ({@code unsafe} or {@code foreign}),
 * for tests and benchmarks; a forced backend that cannot run here makes every {@link NativeMemory}
 * constructor throw {@link IllegalStateException}, saying why, instead of falling back.
 *
 * <p>The choice is logged once at DEBUG. One case is logged at WARN: Java 22 or later without the
 * foreign backend's classes, which means that the engine's jar lost its {@code Multi-Release}
 * manifest attribute (a shaded jar, usually); the Unsafe backend then runs, and the JDK warns about
 * it from Java 23 on.
 */
final class BackendChoice {

  /** The system property that forces a backend: {@code unsafe} or {@code foreign}. */
  static final String PROPERTY = "cairn.memory";

  /** The first Java release whose {@code java.lang.foreign} is final (JEP 454). */
  static final int FOREIGN_SINCE = 22;

  private static final Logger LOG = LoggerFactory.getLogger(NativeMemory.class);

  private static final Backend CHOSEN;
  private static final String REFUSAL; // why the forced backend cannot run; null when CHOSEN is set

  static {
    String forced = System.getProperty(PROPERTY);
    int java = Runtime.version().feature();
    boolean foreign = ForeignMemory.available();
    Backend chosen = null;
    String refusal = null;
    try {
      chosen = choose(forced, java, foreign);
      LOG.debug(
          "native memory backend: {} (Java {}, {}={})",
          chosen.propertyValue(),
          Runtime.version(),
          PROPERTY,
          forced == null ? "unset" : forced);
      if (chosen == Backend.UNSAFE && forced == null && java >= FOREIGN_SINCE) {
        LOG.warn(
            "Java {} but the engine's java.lang.foreign classes were not found (was the"
                + " cairn-engine jar repackaged without 'Multi-Release: true' in its manifest?):"
                + " using sun.misc.Unsafe, which this JDK may warn about",
            java);
      }
    } catch (IllegalStateException e) {
      refusal = e.getMessage();
      LOG.debug("native memory backend: none, {}", refusal);
    }
    CHOSEN = chosen;
    REFUSAL = refusal;
  }

  private BackendChoice() {}

  /**
   * The backend of this JVM.
   *
   * @throws IllegalStateException if {@value #PROPERTY} forces a backend that cannot run here
   */
  static Backend chosen() {
    if (CHOSEN == null) {
      throw new IllegalStateException(REFUSAL);
    }
    return CHOSEN;
  }

  /**
   * The backend for a JVM of Java release {@code java}, where the foreign backend's classes are
   * present or not, given the value of {@value #PROPERTY} ({@code null} when unset).
   *
   * @throws IllegalStateException if {@code forced} is unknown or names a backend that cannot run
   */
  static Backend choose(String forced, int java, boolean foreignPresent) {
    if (forced == null) {
      return java >= FOREIGN_SINCE && foreignPresent ? Backend.FOREIGN : Backend.UNSAFE;
    }
    String value = forced.trim().toLowerCase(Locale.ROOT);
    if (value.equals(Backend.UNSAFE.propertyValue())) {
      return Backend.UNSAFE;
    }
    if (!value.equals(Backend.FOREIGN.propertyValue())) {
      throw new IllegalStateException(
          PROPERTY + "=" + forced + " is not a memory backend: use unsafe or foreign");
    }
    if (java < FOREIGN_SINCE) {
      throw new IllegalStateException(
          PROPERTY
              + "=foreign needs Java "
              + FOREIGN_SINCE
              + " or later (java.lang.foreign); this is Java "
              + java);
    }
    if (!foreignPresent) {
      throw new IllegalStateException(
          PROPERTY
              + "=foreign: the engine's Java "
              + FOREIGN_SINCE
              + " classes are not loaded; they are in META-INF/versions/"
              + FOREIGN_SINCE
              + " of the multi-release cairn-engine jar, which a classes directory or a jar"
              + " without 'Multi-Release: true' in its manifest does not offer");
    }
    return Backend.FOREIGN;
  }
}

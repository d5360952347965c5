package io.cairn.engine.index;

/**
 * Decides whether a slot whose tag matched is the one looked for. Internal.
 *
 * <p>May be called under the optimistic read protocol: see {@link KeyMatcher}.
 */
@FunctionalInterface
public interface SlotMatcher {

  /** Whether {@code slot} is the slot for {@code key}. */
  boolean matches(long slot, byte[] key);
}

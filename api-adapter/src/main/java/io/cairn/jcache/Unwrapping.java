package io.cairn.jcache;

/**
 * The {@code unwrap} of every Cairn JCache object. Internal: public only because the sub-packages
 * use it.
 *
 * <p>Threading: stateless.
 */
public final class Unwrapping {

  private Unwrapping() {}

  /**
   * Returns {@code target} as a {@code clazz}.
   *
   * @throws IllegalArgumentException if {@code target} is not a {@code clazz}
   */
  public static <T> T unwrap(Object target, Class<T> clazz) {
    if (clazz.isInstance(target)) {
      return clazz.cast(target);
    }
    throw new IllegalArgumentException(
        "cannot unwrap " + target.getClass().getName() + " to " + clazz.getName());
  }
}

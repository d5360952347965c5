package io.cairn.engine;

/**
 * Told of entries leaving the store, for the causes chosen in {@link
 * StoreConfig.Builder#removalListener}.
 *
 * <p>Threading: called after the shard lock is released, on the thread whose operation removed the
 * entry (a caller, or the background expirer). Calls for one key arrive in the order the removals
 * happened. An exception thrown by the listener is logged and otherwise ignored: it never undoes or
 * blocks the removal.
 */
@FunctionalInterface
public interface RemovalListener {

  /**
   * An entry left the store.
   *
   * @param key a copy of the key
   * @param value a copy of the value it held
   * @param cause why it left
   */
  void onRemoval(byte[] key, byte[] value, RemovalCause cause);

  /**
   * Whether removals with {@code cause} are wanted now, asked before each is reported: when not,
   * the store copies nothing for it. Must be cheap and must not call the store; the default wants
   * every cause the listener was configured with.
   */
  default boolean wants(RemovalCause cause) {
    return true;
  }
}

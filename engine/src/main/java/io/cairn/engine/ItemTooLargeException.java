package io.cairn.engine;

/**
 * Thrown when a key or an item (header, key and value) exceeds what the store can hold; the store
 * is left untouched. The message names the lengths and the limit, never the bytes.
 */
public final class ItemTooLargeException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** A too-large failure with {@code message}. */
  public ItemTooLargeException(String message) {
    super(message);
  }
}

package io.cairn.engine;

/**
 * Thrown when a key or an item (header, key and value) exceeds what the store can hold; the store
 * is left untouched. The message names the lengths and the limit, never the bytes; the accessors
 * give them to callers that explain the failure in their own terms (which setting to change).
 */
public final class ItemTooLargeException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final int keyLength;
  private final int valueLength;
  private final long limit;

  /**
   * A too-large failure with {@code message}, for a key of {@code keyLength} bytes and a value of
   * {@code valueLength} bytes (-1 when the key alone was refused) against {@code limit} bytes.
   */
  public ItemTooLargeException(String message, int keyLength, int valueLength, long limit) {
    super(message);
    this.keyLength = keyLength;
    this.valueLength = valueLength;
    this.limit = limit;
  }

  /** The length of the refused key. */
  public int keyLength() {
    return keyLength;
  }

  /** The length of the refused value, or -1 when the key alone was too long. */
  public int valueLength() {
    return valueLength;
  }

  /**
   * The limit that was exceeded: the longest key when {@link #valueLength()} is -1, else the
   * largest item in bytes ({@link StoreConfig#maxItemBytes()}).
   */
  public long limit() {
    return limit;
  }

  /** Whether the key alone was too long (as opposed to the whole item). */
  public boolean keyTooLong() {
    return valueLength < 0;
  }
}

package io.cairn.engine;

/** Thrown by every operation of a store after {@link ByteStore#close()}. */
public final class StoreClosedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** A closed-store failure with {@code message}. */
  public StoreClosedException(String message) {
    super(message);
  }
}

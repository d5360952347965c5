package io.cairn.engine;

/**
 * Reads a stored value in place (zero-copy). See {@link ByteStore#read} for the rules a reader
 * follows: it may run more than once, must not keep the view, and must have no side effects.
 */
@FunctionalInterface
public interface ValueReader<R> {

  /** Returns a result computed from {@code value}; {@code null} is allowed. */
  R read(BytesView value);
}

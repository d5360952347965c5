package io.cairn.engine;

/**
 * The body of {@link ByteStore#compute}: inspects the entry and asks for at most one change.
 *
 * @param <R> the result handed back to the caller of {@code compute}
 */
@FunctionalInterface
public interface ComputeFunction<R> {

  /** Reads {@code entry} and may call one of its mutators; the last call made wins. */
  R apply(MutableEntry entry);
}

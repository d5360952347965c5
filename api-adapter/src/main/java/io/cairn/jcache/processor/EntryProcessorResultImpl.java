package io.cairn.jcache.processor;

import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;

/**
 * The outcome of a processor on one key of {@code invokeAll}: its result, or the exception it
 * threw, rethrown by {@link #get()}.
 *
 * <p>Threading: immutable.
 *
 * @param <T> the type of the result
 */
public final class EntryProcessorResultImpl<T> implements EntryProcessorResult<T> {
  private final T result;
  private final EntryProcessorException failure;

  private EntryProcessorResultImpl(T result, EntryProcessorException failure) {
    this.result = result;
    this.failure = failure;
  }

  /** A result. */
  public static <T> EntryProcessorResultImpl<T> of(T result) {
    return new EntryProcessorResultImpl<>(result, null);
  }

  /** A failure. */
  public static <T> EntryProcessorResultImpl<T> failed(EntryProcessorException failure) {
    return new EntryProcessorResultImpl<>(null, failure);
  }

  @Override
  public T get() {
    if (failure != null) {
      throw failure;
    }
    return result;
  }
}

package io.cairn.jcache.processor;

import io.cairn.jcache.Unwrapping;
import java.util.Objects;
import java.util.function.Function;
import javax.cache.CacheException;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.MutableEntry;

/**
 * The entry an {@link javax.cache.processor.EntryProcessor} works on. It records what the processor
 * did, as one net {@link Action}, which the cache applies once the processor returns.
 *
 * <p>Threading: confined to the thread running the processor, which holds the key.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
public final class EntryProcessorEntry<K, V> implements MutableEntry<K, V> {

  /** The net effect of a processor on its entry. */
  public enum Action {
    /** Nothing observable: no expiry change, no event. */
    NONE,
    /** The existing value was read: an access. */
    READ,
    /** A value was loaded through the loader and is to be stored (not a put). */
    LOADED,
    /** A value was set where none existed: a put that creates. */
    CREATED,
    /** A value was set over an existing one: a put that updates. */
    UPDATED,
    /** The existing entry is to be removed. */
    DELETED
  }

  private final K key;
  private final boolean existed;
  private final Function<K, V> loader;
  private V value;
  private Action action = Action.NONE;

  /**
   * An entry for a processor.
   *
   * @param key the key
   * @param value the live value, or {@code null} if none
   * @param loader loads a missing value on {@link #getValue()}, or {@code null} without
   *     read-through
   */
  public EntryProcessorEntry(K key, V value, Function<K, V> loader) {
    this.key = key;
    this.value = value;
    this.existed = value != null;
    this.loader = loader;
  }

  @Override
  public K getKey() {
    return key;
  }

  @Override
  public V getValue() {
    if (action == Action.NONE) {
      if (value != null) {
        action = Action.READ;
      } else if (loader != null) {
        value = loader.apply(key);
        if (value != null) {
          action = Action.LOADED;
        }
      }
    }
    return value;
  }

  @Override
  public boolean exists() {
    return value != null;
  }

  @Override
  public void remove() {
    // removing what this processor created or loaded undoes it; any other removal is a delete,
    // which goes through the writer even when there was no entry
    boolean undo = !existed && (action == Action.CREATED || action == Action.LOADED);
    value = null;
    action = undo ? Action.NONE : Action.DELETED;
  }

  @Override
  public void setValue(V value) {
    this.value = Objects.requireNonNull(value, "value");
    action = existed ? Action.UPDATED : Action.CREATED;
  }

  /**
   * Runs {@code processor} on this entry: the one place where processors' exceptions are
   * translated. A {@link CacheException} passes through (a loader's, or an {@link
   * EntryProcessorException} the processor threw); any other {@link RuntimeException} is wrapped in
   * an {@link EntryProcessorException}.
   */
  public <T> T run(EntryProcessor<K, V, T> processor, Object... arguments) {
    try {
      return processor.process(this, arguments);
    } catch (CacheException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new EntryProcessorException(e);
    }
  }

  /** What the processor did, net. */
  public Action action() {
    return action;
  }

  /** Whether the entry existed before the processor ran (a hit for the statistics). */
  public boolean existed() {
    return existed;
  }

  /** The value after the processor: the one to store for LOADED, CREATED and UPDATED. */
  public V value() {
    return value;
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    return Unwrapping.unwrap(this, clazz);
  }
}

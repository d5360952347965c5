package io.cairn.jcache;

import io.cairn.jcache.integration.LoaderAdapter;
import io.cairn.jcache.management.CacheStatisticsImpl;
import io.cairn.jcache.processor.EntryProcessorEntry;
import io.cairn.jcache.processor.EntryProcessorResultImpl;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;

/**
 * A cache's entry processors: each runs holding its key ({@link Changes#apply}), with no store
 * lock, and its net action ({@link EntryProcessorEntry.Action}) becomes the one change committed.
 *
 * <p>Threading: thread-safe.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
final class Invocations<K, V> {
  private final Changes<K, V> changes;
  private final CacheStatisticsImpl statistics;
  private final Function<K, V> load;

  /**
   * Processors over {@code changes}.
   *
   * @param loader the loader a processor reads through, or {@code null} without read-through
   */
  Invocations(Changes<K, V> changes, CacheStatisticsImpl statistics, LoaderAdapter<K, V> loader) {
    this.changes = changes;
    this.statistics = statistics;
    this.load = loader == null ? null : loader::load;
  }

  <T> T invoke(StoreKey<K> key, EntryProcessor<K, V, T> processor, Object... arguments) {
    long start = statistics.start();
    return changes.apply(
        key,
        true,
        change -> {
          EntryProcessorEntry<K, V> entry =
              new EntryProcessorEntry<>(change.key(), change.value(), load);
          statistics.got(entry.existed(), start);
          T result = entry.run(processor, arguments);
          apply(change, entry, start);
          return result;
        });
  }

  /** Prepares the net action of a processor, while the key is still held. */
  private void apply(Change<K, V> change, EntryProcessorEntry<K, V> entry, long start) {
    switch (entry.action()) {
      case NONE -> {}
      case READ -> change.accessed();
      case LOADED -> change.createLoaded(changes.store().value(entry.value()));
      case CREATED, UPDATED -> {
        StoreValue<V> value = changes.store().value(entry.value());
        statistics.put(change.write(value, true) ? 1 : 0, start);
      }
      case DELETED -> statistics.removed(change.delete(true) ? 1 : 0, start);
    }
  }

  <T> Map<K, EntryProcessorResult<T>> invokeAll(
      Set<? extends K> keys, EntryProcessor<K, V, T> processor, Object... arguments) {
    Map<K, EntryProcessorResult<T>> results = new HashMap<>(keys.size() * 2);
    for (K key : keys) {
      try {
        T result = invoke(changes.store().key(key), processor, arguments);
        if (result != null) {
          results.put(key, EntryProcessorResultImpl.of(result));
        }
      } catch (EntryProcessorException e) {
        results.put(key, EntryProcessorResultImpl.failed(e));
      } catch (RuntimeException e) {
        results.put(key, EntryProcessorResultImpl.failed(new EntryProcessorException(e)));
      }
    }
    return results;
  }
}

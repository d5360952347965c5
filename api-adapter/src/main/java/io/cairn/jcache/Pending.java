package io.cairn.jcache;

import io.cairn.jcache.event.EntryEventImpl;
import java.util.ArrayList;
import java.util.List;

/**
 * What a bulk operation collects from its changes to report once at its end ({@link
 * Changes#deliver}): the events for synchronous listeners and the serialized keys whose entries
 * changed, for the cache's extension.
 *
 * <p>Threading: confined to the thread of the operation.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
final class Pending<K, V> {
  final List<EntryEventImpl<K, V>> events = new ArrayList<>(0);
  final List<byte[]> written = new ArrayList<>(0);
}

package io.cairn.jcache;

/**
 * A value prepared for a store: serialized before any key is held, so that a value that cannot be
 * serialized fails an operation before a writer or listener hears of it.
 *
 * @param value the value as the user gave it
 * @param bytes its serialized form for the off-heap store, or {@code null} on the heap
 * @param <V> the type of values
 */
record StoreValue<V>(V value, byte[] bytes) {}

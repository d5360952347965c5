/**
 * Cairn's engine: an off-heap store of byte keys and values in fixed-size log-structured segments,
 * indexed by a bucketed hash table, grouped into TTL buckets for eager expiry, evicted a segment at
 * a time, and bounded in bytes.
 *
 * <p>This package is the engine's whole public API: {@link io.cairn.engine.ByteStore} and the types
 * it takes and returns. Sub-packages are internal and may change without notice.
 *
 * <p>Conventions: parameters and return values are non-null unless documented otherwise. Byte
 * arrays are handed over, not copied: do not change an array after passing it in.
 */
package io.cairn.engine;

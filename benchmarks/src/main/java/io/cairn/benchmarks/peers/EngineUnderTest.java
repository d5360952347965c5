package io.cairn.benchmarks.peers;

import io.cairn.engine.ByteStore;
import io.cairn.engine.StoreStats;

/**
 * Cairn's engine reached directly through {@link ByteStore}: what the JCache layer costs is the
 * difference to {@link Peer#CAIRN_JCACHE}. Keys are encoded as the adapter's serializer would (8
 * big-endian bytes, here without its one-byte type tag), values as their raw 100 bytes.
 */
final class EngineUnderTest implements CacheUnderTest {

  private final ByteStore store;
  private final ValueKind kind;

  EngineUnderTest(ByteStore store, ValueKind kind) {
    this.store = store;
    this.kind = kind;
  }

  /** Whether more than half of {@code store}'s capacity is committed: time for a fresh one. */
  static boolean overHalfFull(ByteStore store) {
    StoreStats stats = store.stats();
    return stats.committedBytes() > stats.capacityBytes() / 2;
  }

  private static byte[] key(long key) {
    byte[] bytes = new byte[Long.BYTES];
    for (int i = 0; i < Long.BYTES; i++) {
      bytes[i] = (byte) (key >>> (56 - 8 * i));
    }
    return bytes;
  }

  @Override
  public Object get(Long key) {
    byte[] value = store.get(key(key));
    return value == null ? null : kind.decode(value);
  }

  @Override
  public void put(Long key, Object value) {
    store.put(key(key), kind.encode(value), ByteStore.ETERNAL);
  }

  @Override
  public long nativeBytes() {
    return store.stats().committedBytes();
  }

  @Override
  public long evictions() {
    return store.stats().evictions();
  }

  @Override
  public long lockedReads() {
    return store.stats().lockedReads();
  }

  @Override
  public boolean needsRebuild() {
    return overHalfFull(store);
  }

  @Override
  public void close() {
    store.close();
  }
}

package io.cairn.benchmarks.hitratio;

import io.cairn.engine.ByteStore;
import io.cairn.engine.EvictionPolicy;
import io.cairn.engine.StoreConfig;
import io.cairn.engine.StoreStats;
import java.util.Optional;

/**
 * The real engine under one eviction policy, sized by an {@link EngineGeometry}: one shard, no
 * background expirer, every entry eternal. A request is a {@link ByteStore#get}; a miss puts the
 * key with a value of the geometry's length.
 */
final class EngineCache implements SimulatedCache {

  private final EvictionPolicy policy;
  private final EngineGeometry geometry;
  private final ByteStore store;
  private final byte[] key = new byte[EngineGeometry.KEY_LENGTH]; // reused: the store copies it
  private final byte[] value;

  EngineCache(EvictionPolicy policy, EngineGeometry geometry) {
    this.policy = policy;
    this.geometry = geometry;
    this.value = new byte[geometry.valueLength()];
    this.store = open(policy, geometry.capacityBytes(), geometry.segmentSize());
  }

  /**
   * A store as the simulator runs it: one shard so that the policy sees every segment, no
   * background expirer.
   */
  static ByteStore open(EvictionPolicy policy, long capacityBytes, int segmentSize) {
    return ByteStore.open(
        StoreConfig.builder(capacityBytes)
            .name("hitratio-" + policy)
            .segmentSize(segmentSize)
            .shards(1)
            .evictionPolicy(policy)
            .expirationIntervalMillis(0)
            .build());
  }

  @Override
  public String name() {
    return policy.name();
  }

  /** Writes {@code k} into {@code key}, big-endian. */
  static void encode(long k, byte[] key) {
    for (int i = 0; i < Long.BYTES; i++) {
      key[i] = (byte) (k >>> (56 - 8 * i));
    }
  }

  @Override
  public boolean access(long k) {
    encode(k, key);
    if (store.get(key) != null) {
      return true;
    }
    store.put(key, value, ByteStore.ETERNAL);
    return false;
  }

  @Override
  public long entries() {
    return store.stats().entries();
  }

  @Override
  public Optional<EngineFigures> engineFigures() {
    StoreStats stats = store.stats();
    return Optional.of(
        new EngineFigures(
            geometry,
            stats.freeSegments() + stats.activeSegments() + stats.sealedSegments(),
            stats.committedBytes(),
            stats.evictions(),
            stats.hits()));
  }

  @Override
  public void close() {
    store.close();
  }
}

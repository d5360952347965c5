package io.cairn.engine.segment;

import io.cairn.engine.StoreConfig;

/**
 * One eviction policy of a shard: how it makes room when the shard needs a segment and neither the
 * budget nor the {@link Cleaner} can give one, and the few hooks by which it follows the shard's
 * reads and writes. One instance per shard, holding that policy's state (a sketch, a ghost filter)
 * and nothing else.
 *
 * <p>Threading: every method but {@link #recordRead} is called under the shard's write lock. {@link
 * #recordRead} is called by readers without any lock and must be safe for that.
 */
interface EvictionStrategy {

  /** A new strategy of the configured policy for one shard. */
  static EvictionStrategy create(StoreConfig config) {
    return switch (config.evictionPolicy()) {
      case FIFO, RANDOM, CTE, UTIL -> new SegmentEviction(Evictor.of(config.evictionPolicy()));
      case MERGE -> new MergeEviction(config);
      case S3FIFO -> new S3FifoEviction(config);
      case TINYLFU -> new TinyLfuEviction(config);
    };
  }

  /**
   * Empties at least one segment of {@code shard}, never {@code protect}, keeping what the policy
   * values (copying policies stage it in {@link Shard#survivors()} and write it back).
   *
   * @return false if no segment but {@code protect} holds items
   */
  boolean evict(Shard shard, int protect);

  /** The cap of the read counter kept in index slots; 0 when the policy counts no reads. */
  default int maxFrequency() {
    return 0;
  }

  /** A read of the key with {@code hash}, hit or miss. Called without a lock. */
  default void recordRead(long hash) {}

  /** The pool a key not present in the shard is written to. */
  default byte poolForNewKey(long hash) {
    return Pools.NEW;
  }

  /**
   * Whether an overwritten key stays in its segment's pool (true) or starts in {@link Pools#NEW}.
   */
  default boolean keepsPoolOnOverwrite() {
    return false;
  }

  /** A new key was inserted; the shard now holds {@code entries} keys. */
  default void inserted(long entries) {}

  /** The open segment of {@code pool} was sealed. */
  default void sealed(Shard shard, byte pool) {}
}

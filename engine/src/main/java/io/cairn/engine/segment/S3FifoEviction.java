package io.cairn.engine.segment;

import io.cairn.engine.RemovalCause;
import io.cairn.engine.StoreConfig;

/**
 * S3-FIFO (Yang et al., "FIFO queues are all you need for cache eviction", SOSP '23) at segment
 * granularity: evicts the oldest segment of the admission pool while that pool holds more than its
 * share, else of the main pool. From the admission pool, items read at least the promotion
 * threshold move to the main pool with a fresh counter, the rest are dropped and remembered in the
 * ghost filter; from the main pool, items read since their last round get another, with one read
 * less. A key the ghost remembers is written straight to the main pool. A large segment's item is
 * kept or dropped by the same rule, and kept in place (see {@link Survivors}).
 */
final class S3FifoEviction implements EvictionStrategy {

  private final double admissionRatio;
  private final int promotionThreshold;
  private final int maxFrequency;
  private final GhostFilter ghost = new GhostFilter();

  S3FifoEviction(StoreConfig config) {
    this.admissionRatio = config.s3fifoAdmissionRatio();
    this.promotionThreshold = config.s3fifoPromotionThreshold();
    this.maxFrequency = (1 << config.frequencyBits()) - 1;
  }

  @Override
  public int maxFrequency() {
    return maxFrequency;
  }

  @Override
  public byte poolForNewKey(long hash) {
    return ghost.mightContain(hash) ? Pools.MAIN : Pools.NEW;
  }

  @Override
  public boolean keepsPoolOnOverwrite() {
    return true;
  }

  @Override
  public void inserted(long entries) {
    ghost.age(entries); // the ghost remembers about a cache's worth of inserts, not more
  }

  @Override
  public boolean evict(Shard shard, int protect) {
    SegmentTable segments = shard.segments();
    int victim = Evictor.s3fifoVictim(segments, protect, admissionRatio);
    if (victim == SegmentTable.NONE) {
      return false;
    }
    boolean admission = segments.pool(victim) == Pools.NEW;
    int threshold = admission ? promotionThreshold : 1;
    long now = shard.now();
    int lane = segments.lane(victim);
    Survivors survivors = shard.survivors();
    survivors.clear();
    shard.forEachLiveItem(
        victim,
        (segment, item, position, hash) -> {
          int frequency = shard.frequencyAt(position);
          if (ItemDescriptor.expireAt(segment, item) <= now) {
            shard.delete(position, RemovalCause.EXPIRED);
          } else if (frequency >= threshold) {
            int size = ItemDescriptor.itemSize(segment, item);
            int next = admission ? 0 : frequency - 1;
            survivors.keep(victim, segment, item, size, position, next, lane);
          } else {
            if (admission) {
              ghost.add(hash, shard.entries());
            }
            shard.delete(position, RemovalCause.EVICTED);
          }
        });
    shard.close(victim);
    shard.writeBack(Pools.MAIN);
    return true;
  }
}

package io.cairn.engine.segment;

/**
 * FIFO, RANDOM, CTE and UTIL after segcache: empty one whole segment, chosen from segment metadata
 * alone by an {@link Evictor}, and keep nothing of it.
 */
final class SegmentEviction implements EvictionStrategy {

  private final Evictor evictor;

  SegmentEviction(Evictor evictor) {
    this.evictor = evictor;
  }

  @Override
  public boolean evict(Shard shard, int protect) {
    return shard.drop(evictor.selectVictim(shard.segments(), protect));
  }
}

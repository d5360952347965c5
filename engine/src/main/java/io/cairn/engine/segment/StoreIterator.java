package io.cairn.engine.segment;

import io.cairn.engine.StoreEntry;
import io.cairn.engine.index.IndexDescriptor;
import io.cairn.engine.memory.MemoryRegion;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The weakly consistent iterator of a {@link SegmentStore}: walks each shard's index a batch of
 * buckets at a time under the shard's read lock and hands out heap copies. Holds no lock between
 * batches. If a shard's index grows between two batches, the shard is walked again from its start
 * (an entry may then be returned twice). Not thread-safe.
 */
final class StoreIterator implements Iterator<StoreEntry> {

  /** Buckets copied per batch: short lock holds, few lock round trips. */
  private static final int BATCH_BUCKETS = 64;

  private final SegmentStore store;
  private final Shard[] shards;
  private final ArrayDeque<StoreEntry> ready = new ArrayDeque<>();
  private int shard;
  private long bucket;
  private Object generation;

  StoreIterator(SegmentStore store, Shard[] shards) {
    this.store = store;
    this.shards = shards;
  }

  @Override
  public boolean hasNext() {
    while (ready.isEmpty() && shard < shards.length) {
      fetch();
    }
    return !ready.isEmpty();
  }

  @Override
  public StoreEntry next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return ready.poll();
  }

  private void fetch() {
    Shard s = shards[shard];
    List<StoreEntry> batch = new ArrayList<>();
    long[] next = new long[1];
    store.withReadLock(
        s,
        () -> {
          Object current = s.indexGeneration();
          long from = current == generation ? bucket : 0;
          generation = current;
          long to = Math.min(s.buckets(), from + BATCH_BUCKETS);
          collect(s, from, to, store.now(), batch);
          next[0] = to == s.buckets() ? -1 : to;
        });
    ready.addAll(batch);
    if (next[0] < 0) {
      shard++;
      bucket = 0;
      generation = null;
    } else {
      bucket = next[0];
    }
  }

  /**
   * Copies the live items of {@code shard}'s buckets {@code from} (inclusive) to {@code to}
   * (exclusive) into {@code out}. Called under the shard's read lock.
   */
  private static void collect(Shard shard, long from, long to, long now, List<StoreEntry> out) {
    SegmentTable segments = shard.segments();
    for (long bucket = from; bucket < to; bucket++) {
      for (int i = 0; i < IndexDescriptor.SLOTS_PER_BUCKET; i++) {
        long slot = shard.slotIn(bucket, i);
        if (slot != 0) {
          MemoryRegion segment = segments.region(IndexDescriptor.segment(slot));
          int item = IndexDescriptor.offset(slot);
          long expireAt = ItemDescriptor.expireAt(segment, item);
          if (expireAt > now) {
            out.add(
                new StoreEntry(
                    ItemDescriptor.key(segment, item),
                    ItemDescriptor.value(segment, item),
                    expireAt));
          }
        }
      }
    }
  }
}

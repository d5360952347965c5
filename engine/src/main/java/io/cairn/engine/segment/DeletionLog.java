package io.cairn.engine.segment;

import java.util.Arrays;

/**
 * The items a persistent shard deleted since its last flush cut, as (segment epoch, offset) pairs:
 * what {@link PersistentLog} writes to its deletes log so that a restart does not bring them back.
 *
 * <p>Threading: guarded by the shard's writers' lock.
 */
final class DeletionLog {

  private long[] records = new long[64];
  private int count;

  /** Notes that the item at {@code item} of the segment opened as {@code epoch} was deleted. */
  void add(long epoch, int item) {
    if (count == records.length) {
      records = Arrays.copyOf(records, count * 2);
    }
    records[count++] = PersistenceDescriptor.record(epoch, item);
  }

  /**
   * Hands every record to {@code sink} with the epoch mapped to a file seq by {@code seqOf}, and
   * forgets them.
   */
  void drainTo(java.util.function.LongUnaryOperator seqOf, java.util.function.LongConsumer sink) {
    for (int i = 0; i < count; i++) {
      long r = records[i];
      sink.accept(
          PersistenceDescriptor.record(
              seqOf.applyAsLong(PersistenceDescriptor.recordSeq(r)),
              PersistenceDescriptor.recordOffset(r)));
    }
    count = 0;
    if (records.length > 4096) {
      records = new long[64]; // a burst of deletes need not hold its array for good
    }
  }
}

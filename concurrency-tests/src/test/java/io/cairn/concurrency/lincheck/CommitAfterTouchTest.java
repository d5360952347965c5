package io.cairn.concurrency.lincheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.ByteStore;
import io.cairn.engine.StoreConfig;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The lost touch that {@link ByteStoreLincheckTest}'s stress run found, replayed in one thread:
 * read an entry's version, {@code touch} its expiry, then {@code commit} against the version read
 * before the touch.
 *
 * <p>What linearizability asks: the commit is the second half of a read-modify-write whose first
 * half came before the touch; if it succeeds, the result must be as if the whole update ran before
 * the touch or after it, so the touch's instant must survive (or the commit fail and be retried).
 * What the engine does: {@code touch} rewrites the expiry in place and keeps the version, so the
 * commit succeeds and writes the expiry read before the touch: the touch is lost. The adapter
 * carries a read expiry into a commit when an update leaves expiry unchanged, and touches with a
 * version on access, so a JCache {@code get} with access expiry racing such a write may lose its
 * extension. Disabled until the engine decides: either a touch changes the version, or commit's
 * contract says that expiry changes do not conflict.
 */
class CommitAfterTouchTest {

  static final long NOW = 1_700_000_000_000L;

  @Test
  @Disabled("engine: commit succeeds against a version whose expiry a touch changed (issue 16)")
  void commit_afterTouchOfTheReadVersion_doesNotLoseTheTouch() {
    try (ByteStore store =
        ByteStore.open(
            StoreConfig.builder(1L << 20)
                .segmentSize(16 << 10)
                .shards(1)
                .clock(() -> NOW)
                .expirationIntervalMillis(0)
                .build())) {
      byte[] key = {1};
      store.put(key, new byte[] {3}, ByteStore.ETERNAL);
      long[] read =
          store.readEntry(key, (value, expireAt, version) -> new long[] {version, expireAt});
      assertTrue(store.touch(key, NOW + 60_000));

      boolean committed = store.commit(key, read[0], new byte[] {4}, read[1]);

      if (committed) {
        assertEquals(NOW + 60_000, store.expiryOf(key), "the commit overwrote the touch's expiry");
      } else {
        assertFalse(committed);
      }
    }
  }
}

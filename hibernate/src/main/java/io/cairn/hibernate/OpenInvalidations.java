package io.cairn.hibernate;

import java.util.ArrayList;
import java.util.List;
import org.hibernate.cache.spi.AbstractCacheTransactionSynchronization;

/**
 * A session's cache transaction: besides Hibernate's caching timestamp (the start that fences the
 * session's loads), the keys its transaction began invalidating, which it ends when the transaction
 * completed. Hibernate completes it after its own after-completion work (a {@code READ_WRITE}
 * region's release of its soft locks and store of the committed state), so those writes still see
 * the invalidation open and may store here.
 *
 * <p>Threading: a session is used by one thread at a time; the list is guarded by this object's
 * monitor all the same, as the end may come from the thread that completes a transaction.
 */
final class OpenInvalidations extends AbstractCacheTransactionSynchronization {
  private final RegionCoherence coherence;
  private final List<Open> open = new ArrayList<>(); // guarded by this

  OpenInvalidations(CairnRegionFactory factory, RegionCoherence coherence) {
    super(factory);
    this.coherence = coherence;
  }

  synchronized void add(FencedRegionStorage region, Object key) {
    open.add(new Open(region, key));
  }

  synchronized boolean contains(FencedRegionStorage region, Object key) {
    return open.contains(new Open(region, key));
  }

  @Override
  public void transactionCompleted(boolean successful) {
    super.transactionCompleted(successful);
    List<Open> ended;
    synchronized (this) {
      ended = new ArrayList<>(open);
      open.clear();
    }
    for (Open invalidation : ended) {
      coherence.end(invalidation.region(), invalidation.key());
    }
  }

  /** One key being invalidated; regions compare by identity. */
  private record Open(FencedRegionStorage region, Object key) {}
}

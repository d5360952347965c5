package io.cairn.cluster;

/**
 * What a write to an {@code invalidate-sync} cache does when some member of the view did not
 * acknowledge its invalidation within {@code cairn.cluster.sync-timeout}: the file's {@code
 * on-sync-timeout}. Either way the write is made locally already (and through a cache writer, if
 * any), and the invalidation keeps being retransmitted to the members that did not answer; a member
 * that cannot be reached is excluded from the view in the end, and clears its clustered caches when
 * it sees that.
 */
public enum SyncTimeoutAction {
  /** The default: the write throws a {@link javax.cache.CacheException} naming the members. */
  FAIL,

  /**
   * The write returns normally, having dropped the key from this member's own cache as well, so
   * that no member keeps the value written until the cluster agrees again; logged at WARN.
   */
  DROP_LOCAL
}

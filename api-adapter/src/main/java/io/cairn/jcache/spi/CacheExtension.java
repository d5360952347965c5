package io.cairn.jcache.spi;

import java.util.List;

/**
 * Hears of one cache's local changes, once they are made: the cluster module turns them into
 * invalidations of the other members' copies.
 *
 * <p>Which changes: every operation that stores or removes an entry (puts, replaces, removals,
 * entry processors that change their entry, {@code loadAll} replacing existing values) calls {@link
 * #written} with the keys' serialized bytes; {@code clear()} and {@code removeAll()} call {@link
 * #cleared}. A value loaded into an absent entry (read-through, {@code getAll}, {@code loadAll}, an
 * entry processor's read) is not reported: it came from the source the other members' copies came
 * from. Expiry and eviction are local and are not reported.
 *
 * <p>Threading: called on the thread of the operation, after the store changed and with none of the
 * cache's keys held, before the operation returns and before its synchronous listeners run; so a
 * call may block (a synchronous invalidation waits for acknowledgements). The calls of one key
 * follow the order of its changes only as far as their threads do: two threads changing one key may
 * report in either order. Implementations must be thread-safe.
 */
public interface CacheExtension {

  /**
   * The entries of {@code keys} (serialized keys, not to be changed) were stored or removed: one
   * key for single-key operations, the keys of a bulk operation at once.
   *
   * @throws javax.cache.CacheException to fail the operation, whose change is made already
   */
  void written(List<byte[]> keys);

  /**
   * Every entry of the cache was removed.
   *
   * @throws javax.cache.CacheException to fail the operation, whose change is made already
   */
  void cleared();

  /** The cache closed (or was destroyed); no call follows. */
  void closed();
}

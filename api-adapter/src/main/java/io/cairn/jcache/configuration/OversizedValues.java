package io.cairn.jcache.configuration;

/**
 * What a cache does with a put of an entry larger than the largest item its store keeps (the
 * engine's {@code StoreConfig.maxItemBytes()}): the file's {@code oversized-values} key, {@link
 * CairnConfiguration#setOversizedValues} in code.
 *
 * <p>A skipped put leaves the cache as if the entry had been stored and dropped at once: an older
 * value of the key is removed (announced to listeners as a removal), the operation returns as it
 * would have, the skip is counted ({@link io.cairn.jcache.management.CairnStatisticsMXBean
 * #getCacheSkippedPuts()}) and the first one of each cache is logged at WARN.
 */
public enum OversizedValues {
  /**
   * Every such put throws a {@link javax.cache.CacheException} naming the sizes and the setting.
   */
  FAIL,

  /** Every such put is skipped. */
  SKIP,

  /**
   * The default: a put made through Hibernate's second-level cache ({@code org.hibernate.cache.} on
   * the caller's stack) or Spring's cache abstraction ({@code org.springframework.cache.}) is
   * skipped, for they treat a cache failure as the application's; any other put fails as with
   * {@link #FAIL}. The stack is looked at only for a put that is refused, never on the way of one
   * that fits.
   */
  AUTO
}

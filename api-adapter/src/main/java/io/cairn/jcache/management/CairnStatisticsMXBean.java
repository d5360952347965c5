package io.cairn.jcache.management;

import javax.cache.management.CacheStatisticsMXBean;

/**
 * A Cairn cache's statistics: JCache's, and what Cairn counts besides. Registered in the platform
 * MBean server under JCache's {@code javax.cache:type=CacheStatistics,...} name while statistics
 * are enabled, so JCache tools see the standard attributes and Cairn's next to them; also returned
 * by {@code cache.unwrap(CairnStatisticsMXBean.class)}, whether or not statistics are enabled.
 */
public interface CairnStatisticsMXBean extends CacheStatisticsMXBean {

  /**
   * The puts the cache did not keep because the entry is larger than the largest item it stores
   * (see {@link io.cairn.jcache.configuration.OversizedValues}): none of them is counted in {@link
   * #getCachePuts()}. Counted whether or not statistics are enabled, because a skip means a setting
   * to change; {@link #clear()} zeroes it with the others.
   */
  long getCacheSkippedPuts();
}

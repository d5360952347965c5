package io.cairn.examples;

import io.cairn.jcache.CacheImpl;
import io.cairn.jcache.configuration.CairnConfiguration;
import java.io.Serializable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.management.CacheStatisticsMXBean;
import javax.cache.spi.CachingProvider;

/**
 * Cairn in one minute: finds the provider through the standard {@code Caching} lookup, makes a
 * cache whose entries live for one second, listens to it, reads and writes, watches an entry expire
 * without anyone touching it, and prints the statistics.
 *
 * <p>Run from the repository root: {@code mvn -q -pl examples -am package exec:java -DskipTests}.
 */
public final class QuickStart {

  /** How long an entry lives after it is created. */
  private static final long TIME_TO_LIVE_MILLIS = 1_000;

  private QuickStart() {}

  /** Prints what happens to the entries; counts down when one expires. */
  static final class PrintingListener
      implements CacheEntryCreatedListener<String, String>,
          CacheEntryExpiredListener<String, String>,
          Serializable {
    private static final long serialVersionUID = 1L;
    static final CountDownLatch EXPIRED = new CountDownLatch(1);

    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      events.forEach(e -> System.out.println("  listener: created " + e.getKey()));
    }

    @Override
    public void onExpired(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      for (CacheEntryEvent<? extends String, ? extends String> e : events) {
        System.out.println("  listener: expired " + e.getKey() + " (it held " + e.getValue() + ")");
        EXPIRED.countDown();
      }
    }
  }

  /** Runs the tour. */
  public static void main(String[] args) throws InterruptedException {
    CachingProvider provider = Caching.getCachingProvider();
    System.out.println("provider: " + provider.getClass().getName());
    CacheManager manager = provider.getCacheManager();
    try {
      CairnConfiguration<String, String> configuration =
          new CairnConfiguration<String, String>()
              .setCapacityBytes(16L << 20) // a bound, not a reservation: memory comes as data does
              .setExpirationIntervalMillis(100) // how often the background expirer looks
              .setTypes(String.class, String.class)
              .setExpiryPolicyFactory(
                  CreatedExpiryPolicy.factoryOf(
                      new Duration(TimeUnit.MILLISECONDS, TIME_TO_LIVE_MILLIS)))
              .setStatisticsEnabled(true)
              .addCacheEntryListenerConfiguration(
                  new MutableCacheEntryListenerConfiguration<>(
                      FactoryBuilder.factoryOf(new PrintingListener()), null, true, true));
      Cache<String, String> cache = manager.createCache("greetings", configuration);

      System.out.println("put hello=world and hola=mundo");
      cache.put("hello", "world");
      cache.put("hola", "mundo");
      System.out.println("get hello -> " + cache.get("hello"));
      System.out.println("get bonjour -> " + cache.get("bonjour"));

      System.out.println("waiting for the entries to expire (nobody touches the cache)...");
      if (!PrintingListener.EXPIRED.await(10, TimeUnit.SECONDS)) {
        System.out.println("no expiry seen within 10 s");
      }
      System.out.println("get hello -> " + cache.get("hello"));

      CacheStatisticsMXBean stats = cache.unwrap(CacheImpl.class).statistics();
      System.out.printf(
          "statistics: gets=%d hits=%d misses=%d hit%%=%.1f puts=%d removals=%d evictions=%d%n",
          stats.getCacheGets(),
          stats.getCacheHits(),
          stats.getCacheMisses(),
          stats.getCacheHitPercentage(),
          stats.getCachePuts(),
          stats.getCacheRemovals(),
          stats.getCacheEvictions());
    } finally {
      manager.close();
    }
  }
}

package io.cairn.jcache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.ByteStore;
import io.cairn.engine.EvictionPolicy;
import io.cairn.engine.SharedCapacity;
import io.cairn.engine.StoreConfig;
import io.cairn.engine.memory.NativeMemory;
import io.cairn.engine.segment.SegmentStore;
import io.cairn.jcache.configuration.CairnConfiguration;
import io.cairn.jcache.configuration.OversizedValues;
import io.cairn.jcache.management.MBeans;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CacheManagerImpl} with a configuration file: lazy caches, createCache, shared bound. */
class CacheManagerImplConfigFileTest {

  private static final long MIB = 1L << 20;
  private static final URI CLASSPATH_FILE =
      URI.create("classpath:io/cairn/jcache/configuration/cairn-test.conf");

  private final CachingProvider provider = Caching.getCachingProvider();
  private final List<CacheManager> managers = new ArrayList<>();

  @TempDir Path dir;

  @AfterEach
  void closeManagers() {
    managers.forEach(CacheManager::close);
  }

  private CacheManager manager(URI uri) {
    CacheManager manager = provider.getCacheManager(uri, getClass().getClassLoader());
    managers.add(manager);
    return manager;
  }

  private CacheManager manager(String hocon) throws IOException {
    Path file = Files.createTempFile(dir, "cairn", ".conf");
    Files.writeString(file, hocon, StandardCharsets.UTF_8);
    return manager(file.toUri());
  }

  /** A manager whose caches share {@code total}, each of {@code capacity} in 64 KiB segments. */
  private CacheManager sharing(String total, String capacity) throws IOException {
    return manager(
        "cairn { total-capacity = %s, defaults { capacity = %s, segment-size = 64KiB, shards = 2 } }"
            .formatted(total, capacity));
  }

  @SuppressWarnings("unchecked") // the configuration's types are those of the cache
  private static CairnConfiguration<?, ?> configurationOf(Cache<?, ?> cache) {
    return cache.getConfiguration(CairnConfiguration.class);
  }

  private static ExpiryPolicy expiryOf(Cache<?, ?> cache) {
    return configurationOf(cache).getExpiryPolicyFactory().create();
  }

  private static StoreConfig engineOf(Cache<?, ?> cache) {
    return cache.unwrap(ByteStore.class).config();
  }

  @Test
  void getCache_declaredName_createsItFromTheFileOnFirstUse() {
    CacheManager manager = manager(CLASSPATH_FILE);
    assertFalse(manager.getCacheNames().iterator().hasNext(), "nothing is created up front");

    Cache<Object, Object> person = manager.getCache("com.example.Person");
    assertNotNull(person);
    assertSame(person, manager.getCache("com.example.Person"));
    assertEquals(4 * MIB, engineOf(person).capacityBytes());
    assertEquals(EvictionPolicy.S3FIFO, engineOf(person).evictionPolicy());
    assertEquals(0.2, engineOf(person).s3fifoAdmissionRatio());
    assertEquals(64 << 10, engineOf(person).segmentSize(), "from the defaults");
    assertTrue(
        configurationOf(person).isStatisticsEnabled(),
        "the file's JCache settings apply to caches it creates");
    person.put("k", "v");
    assertEquals("v", person.get("k"));

    Cache<Object, Object> addresses = manager.getCache("com.example.Person.addresses");
    assertEquals(2 * MIB, engineOf(addresses).capacityBytes());
    assertEquals(
        new Duration(TimeUnit.MILLISECONDS, TimeUnit.MINUTES.toMillis(10)),
        expiryOf(addresses).getExpiryForCreation());
  }

  @Test
  void getCache_undeclaredName_returnsNull() {
    CacheManager manager = manager(CLASSPATH_FILE);
    assertNull(manager.getCache("com.example"));
    assertNull(manager.getCache("com.example.Other", String.class, String.class));
  }

  @Test
  void getCache_typedDeclaredName_createsItWithTheAskedTypes() {
    CacheManager manager = manager(CLASSPATH_FILE);
    Cache<String, Long> plain = manager.getCache("plain", String.class, Long.class);
    assertNotNull(plain);
    plain.put("one", 1L);
    assertEquals(1L, plain.get("one"));
    assertThrows(
        ClassCastException.class, () -> manager.getCache("plain", String.class, String.class));
  }

  @Test
  void getCache_afterDestroy_createsItAgainFromTheFile() {
    CacheManager manager = manager(CLASSPATH_FILE);
    Cache<Object, Object> first = manager.getCache("plain");
    first.put("k", "v");
    manager.destroyCache("plain");
    Cache<Object, Object> second = manager.getCache("plain");
    assertNotNull(second);
    assertFalse(second == first);
    assertNull(second.get("k"));
  }

  @Test
  void createCache_mutableConfiguration_takesCairnSettingsFromTheFile() {
    CacheManager manager = manager(CLASSPATH_FILE);
    Cache<Object, Object> person =
        manager.createCache("com.example.Person", new MutableConfiguration<>());
    assertEquals(4 * MIB, engineOf(person).capacityBytes());
    assertEquals(EvictionPolicy.S3FIFO, engineOf(person).evictionPolicy());
    assertEquals(0.2, engineOf(person).s3fifoAdmissionRatio());
    assertTrue(
        configurationOf(person).isStatisticsEnabled(),
        "statistics left off by the configuration are turned on by the file");
    assertTrue(
        ManagementFactory.getPlatformMBeanServer()
            .isRegistered(
                MBeans.name(
                    MBeans.Type.CacheStatistics,
                    manager.getURI().toString(),
                    "com.example.Person")),
        "and really on: its statistics MXBean is registered");

    Cache<Object, Object> undeclared =
        manager.createCache(
            "region.not.in.file",
            new MutableConfiguration<>()
                .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(Duration.ONE_MINUTE)));
    assertEquals(8 * MIB, engineOf(undeclared).capacityBytes(), "the file's defaults");
    assertEquals(Duration.ONE_MINUTE, expiryOf(undeclared).getExpiryForCreation());
  }

  @Test
  void createCache_jcacheDefaults_areFilledInFromTheFilesDefaults() throws IOException {
    CacheManager manager =
        manager(
            """
            cairn.defaults {
              capacity = 2MiB
              statistics = true
              management = true
              store-by-value = false
              expiry.after-creation = 5m
            }
            """);
    Cache<Object, Object> region =
        manager.createCache("org.example.Entity", new MutableConfiguration<>());
    CairnConfiguration<?, ?> c = configurationOf(region);
    assertTrue(c.isStatisticsEnabled());
    assertTrue(c.isManagementEnabled());
    assertFalse(c.isStoreByValue());
    assertEquals(
        new Duration(TimeUnit.MILLISECONDS, TimeUnit.MINUTES.toMillis(5)),
        expiryOf(region).getExpiryForCreation());
  }

  @Test
  void createCache_jcacheSettingsAwayFromTheirDefaults_winOverTheFile() throws IOException {
    CacheManager manager =
        manager("cairn.defaults { capacity = 2MiB, expiry.after-creation = 5m }");
    Cache<Object, Object> cache =
        manager.createCache(
            "explicit",
            new MutableConfiguration<>()
                .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(Duration.ONE_MINUTE)));
    assertEquals(Duration.ONE_MINUTE, expiryOf(cache).getExpiryForCreation());
    assertTrue(configurationOf(cache).isStoreByValue());
    assertFalse(configurationOf(cache).isStatisticsEnabled(), "the file does not turn it on");
  }

  @Test
  void createCache_plainConfiguration_takesOversizedValuesFromTheFile() throws IOException {
    CacheManager manager =
        manager(
            "cairn { defaults.oversized-values = skip, caches.strict.oversized-values = fail }");
    assertEquals(
        OversizedValues.SKIP,
        configurationOf(manager.createCache("region", new MutableConfiguration<>()))
            .getOversizedValues());
    assertEquals(
        OversizedValues.FAIL,
        configurationOf(manager.createCache("strict", new MutableConfiguration<>()))
            .getOversizedValues());
  }

  @Test
  void createCache_cairnConfiguration_isTakenAsGiven() {
    CacheManager manager = manager(CLASSPATH_FILE);
    Cache<Object, Object> person =
        manager.createCache(
            "com.example.Person",
            new CairnConfiguration<>().setCapacityBytes(16 * MIB).setSegmentSize(256 << 10));
    assertEquals(16 * MIB, engineOf(person).capacityBytes());
    assertEquals(256 << 10, engineOf(person).segmentSize());
    assertEquals(CairnConfiguration.DEFAULT_EVICTION_POLICY, engineOf(person).evictionPolicy());
  }

  @Test
  void getCacheManager_fileUri_readsTheFile() throws IOException {
    CacheManager manager =
        manager("cairn.caches.\"org.hibernate.cache.spi.QueryResultsRegion\".capacity = 2MiB");
    assertEquals(
        2 * MIB,
        engineOf(manager.getCache("org.hibernate.cache.spi.QueryResultsRegion")).capacityBytes());
  }

  @Test
  void getCacheManager_badFile_failsNamingFileAndKey() throws IOException {
    Path file = dir.resolve("bad.conf");
    Files.writeString(file, "cairn.caches.\"com.example.Person\".capacity = lots");
    CacheException e =
        assertThrows(
            CacheException.class,
            () -> provider.getCacheManager(file.toUri(), getClass().getClassLoader()));
    assertTrue(e.getMessage().contains(file.toUri().toString()), e.getMessage());
    assertTrue(
        e.getMessage().contains("cairn.caches.\"com.example.Person\".capacity"), e.getMessage());
  }

  @Test
  void getCacheManager_missingClasspathFile_failsNamingTheUri() {
    URI uri = URI.create("classpath:no-such-cairn.conf");
    CacheException e =
        assertThrows(
            CacheException.class, () -> provider.getCacheManager(uri, getClass().getClassLoader()));
    assertTrue(e.getMessage().contains(uri.toString()), e.getMessage());
  }

  @Test
  void createCache_opaqueUri_getsBuiltInDefaults() {
    CacheManager manager = manager(URI.create("test:opaque-name"));
    Cache<Object, Object> cache = manager.createCache("c", new MutableConfiguration<>());
    assertEquals(CairnConfiguration.DEFAULT_CAPACITY_BYTES, engineOf(cache).capacityBytes());
    assertTrue(expiryOf(cache) instanceof EternalExpiryPolicy);
  }

  @Test
  void createCache_200CachesWithDefaults_commitMemoryOnlyAsDataArrives() {
    CacheManager manager = manager(URI.create("test:two-hundred-regions"));
    long before = NativeMemory.processAllocatedBytes();
    List<Cache<Object, Object>> caches = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      caches.add(manager.createCache("org.example.Entity" + i, new MutableConfiguration<>()));
    }
    StoreConfig config = engineOf(caches.get(0));
    long empty = NativeMemory.processAllocatedBytes() - before;
    long emptyIndexes = 200L * config.shards() * 520; // 8 index buckets of 65 bytes per shard
    assertTrue(empty <= emptyIndexes, "200 empty caches hold only their index tables: " + empty);

    for (Cache<Object, Object> cache : caches) {
      cache.put(1L, "x".repeat(100));
    }
    long used = NativeMemory.processAllocatedBytes() - before;
    long allocated = 0;
    long committed = 0;
    for (Cache<Object, Object> cache : caches) {
      allocated += ((SegmentStore) cache.unwrap(ByteStore.class)).allocatedBytes();
      committed += cache.unwrap(ByteStore.class).stats().committedBytes();
    }
    assertEquals(allocated, committed, "the stores account for every native byte");
    assertTrue(allocated <= used, allocated + " > " + used);
    long oneSegmentEach = 200L * (config.segmentSize() + config.shards() * 520L);
    assertTrue(used <= oneSegmentEach, "one entry each takes one segment each: " + used);
    assertTrue(
        used * 32 < 200 * CairnConfiguration.DEFAULT_CAPACITY_BYTES,
        "far below 200 x the default capacity: " + used);
  }

  // ------------------------------------------------------------------------- the shared bound

  @Test
  void totalCapacity_concurrentPutsIntoSeveralCaches_neverExceedTheBound() throws Exception {
    CacheManager manager = sharing("6MiB", "4MiB");
    SharedCapacity shared = ((CacheManagerImpl) manager).sharedCapacity();
    assertEquals(6 * MIB, shared.capacityBytes());
    long before = NativeMemory.processAllocatedBytes();
    List<Cache<Long, byte[]>> caches = new ArrayList<>();
    List<SegmentStore> stores = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      caches.add(manager.createCache("region." + i, new MutableConfiguration<Long, byte[]>()));
      stores.add((SegmentStore) caches.get(i).unwrap(ByteStore.class));
    }
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    CountDownLatch done = new CountDownLatch(4);
    AtomicLong peakReserved = new AtomicLong();
    AtomicLong peakNative = new AtomicLong();
    for (int t = 0; t < 4; t++) {
      int seed = t;
      new Thread(
              () -> {
                try {
                  for (long i = 0; i < 10_000; i++) {
                    caches
                        .get((int) ((seed + i) % 4))
                        .put(i * 4 + seed, new byte[200 + (int) (i % 1200)]);
                  }
                } catch (Throwable e) {
                  failures.add(e);
                } finally {
                  done.countDown();
                }
              })
          .start();
    }
    boolean running = true;
    while (running) {
      running = !done.await(0, TimeUnit.MILLISECONDS);
      peakReserved.accumulateAndGet(shared.reservedBytes(), Math::max); // a last look when done
      peakNative.accumulateAndGet(NativeMemory.processAllocatedBytes() - before, Math::max);
    }

    assertTrue(failures.isEmpty(), () -> "puts failed: " + failures);
    assertTrue(peakReserved.get() <= 6 * MIB, "reserved peaked at " + peakReserved);
    assertTrue(peakNative.get() <= 6 * MIB, "native memory peaked at " + peakNative);
    assertTrue(peakNative.get() > 3 * MIB, "the caches filled the bound: " + peakNative);
    long evictions = 0;
    for (Cache<Long, byte[]> cache : caches) {
      evictions += cache.unwrap(ByteStore.class).stats().evictions();
    }
    assertTrue(evictions > 0, "4 x 10000 puts of ~800 B overflow 6 MiB");

    manager.close();
    assertEquals(0, shared.reservedBytes(), "close gives everything back");
    for (SegmentStore store : stores) {
      assertEquals(0, store.allocatedBytes(), "and frees every native byte");
    }
  }

  @Test
  void totalCapacity_tooSmallForAnotherCachesMinimum_failsCreateCacheNamingTheKey()
      throws IOException {
    // each cache's minimum: 2 shards x (64 KiB segment + 520 B index) = 132112 B
    CacheManager manager = sharing("300KiB", "1MiB");
    manager.createCache("a", new MutableConfiguration<>());
    manager.createCache("b", new MutableConfiguration<>());
    CacheException e =
        assertThrows(
            CacheException.class, () -> manager.createCache("c", new MutableConfiguration<>()));
    assertTrue(e.getMessage().contains("cairn.total-capacity"), e.getMessage());
    assertNull(manager.getCache("c"));
    manager.destroyCache("a");
    assertNotNull(manager.createCache("c", new MutableConfiguration<>()), "a's share came back");
  }

  /**
   * A large entry (over a segment) needs a native allocation of its own. When another cache holds
   * the rest of the total and this one has nothing of its own to give back, the put fails: with a
   * {@link CacheException} naming the cache and the bound, not the engine's {@link
   * IllegalStateException}, which JCache callers read as a closed cache. Nothing stored is lost.
   */
  @Test
  void totalCapacity_largeEntryNoCacheCanMakeRoomFor_failsThePutWithACacheException()
      throws IOException {
    CacheManager manager = sharing("1MiB", "1MiB");
    Cache<Long, byte[]> full = manager.createCache("full", new MutableConfiguration<>());
    Cache<Long, byte[]> other = manager.createCache("other", new MutableConfiguration<>());
    other.put(-1L, new byte[] {7});
    SharedCapacity shared = ((CacheManagerImpl) manager).sharedCapacity();
    for (long i = 0; shared.capacityBytes() - shared.reservedBytes() > 64 << 10; i++) {
      full.put(i, new byte[500]);
    }
    long fullSize = full.unwrap(ByteStore.class).size();
    CacheException e = assertThrows(CacheException.class, () -> other.put(1L, new byte[200 << 10]));
    assertTrue(e.getMessage().contains("other"), e.getMessage());
    assertTrue(e.getMessage().contains("cairn.total-capacity"), e.getMessage());
    assertFalse(other.isClosed());
    assertNull(other.get(1L));
    assertArrayEquals(new byte[] {7}, other.get(-1L), "what was stored stays");
    assertEquals(fullSize, full.unwrap(ByteStore.class).size(), "no other cache lost anything");
    other.put(2L, new byte[10]);
    assertEquals(10, other.get(2L).length, "the cache still takes what fits");
  }

  @Test
  void totalCapacity_storeByReferenceCaches_stayOutOfIt() throws IOException {
    CacheManager manager = sharing("1MiB", "1MiB");
    SharedCapacity shared = ((CacheManagerImpl) manager).sharedCapacity();
    manager.createCache("heap", new MutableConfiguration<>().setStoreByValue(false));
    assertEquals(0, shared.reservedBytes());
  }
}

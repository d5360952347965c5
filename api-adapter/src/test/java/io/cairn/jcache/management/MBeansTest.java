package io.cairn.jcache.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.ByteStore;
import io.cairn.jcache.CacheManagerFixture;
import io.cairn.jcache.configuration.CairnConfiguration;
import io.cairn.jcache.configuration.OversizedValues;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class MBeansTest extends CacheManagerFixture {
  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

  /** The fixture's manager URI, "test:" + class name, with ':' replaced. */
  private static final String MANAGER = "test." + MBeansTest.class.getName();

  private static ObjectName objectName(String type, String cache) throws Exception {
    return new ObjectName(
        "javax.cache:type=" + type + ",CacheManager=" + MANAGER + ",Cache=" + cache);
  }

  private Cache<String, String> cache(String name, boolean statistics, boolean management) {
    return cache(manager, name, statistics, management);
  }

  private static Cache<String, String> cache(
      CacheManager manager, String name, boolean statistics, boolean management) {
    return manager.createCache(
        name,
        new MutableConfiguration<String, String>()
            .setStatisticsEnabled(statistics)
            .setManagementEnabled(management));
  }

  @Test
  void name_specialCharactersOfTheUri_areEachReplacedByADot() {
    ObjectName name = MBeans.name(MBeans.Type.CacheStatistics, "a,b:c=d\ne*?\"\\", "x");
    assertEquals("CacheStatistics", name.getKeyProperty("type"));
    assertEquals("a.b.c.d.e....", name.getKeyProperty("CacheManager"));
    assertEquals("javax.cache", name.getDomain());
    assertFalse(name.isPattern(), name.toString());
  }

  @Test
  void name_specialCharactersOfTheCacheName_areQuoted() throws Exception {
    for (String cache : List.of("x=y,z:w\nv", "a\"b\\c*d?", "a,b", "\"a.b\"")) {
      ObjectName name = MBeans.name(MBeans.Type.CacheStatistics, "m", cache);
      assertFalse(name.isPattern(), name.toString());
      assertEquals(cache, ObjectName.unquote(name.getKeyProperty("Cache")));
    }
  }

  /** Finding 9 of issue 11: before, every one of these names gave javax.cache:...,Cache=a.b. */
  @Test
  void name_namesThatDifferOnlyInSpecialCharacters_areDistinct() {
    List<String> names = List.of("a.b", "a,b", "a:b", "a=b", "a\nb", "\"a.b\"", "a?b", "a*b");
    Set<ObjectName> objectNames = new HashSet<>();
    for (String cache : names) {
      objectNames.add(MBeans.name(MBeans.Type.CacheStatistics, MANAGER, cache));
    }
    assertEquals(names.size(), objectNames.size(), objectNames.toString());
  }

  @Test
  void createCache_namesThatOnceSharedAnMBean_eachHaveTheirOwn() throws Exception {
    Cache<String, String> comma = cache("a,b", true, true);
    Cache<String, String> dot = cache("a.b", true, true);
    comma.put("k", "v");
    ObjectName commaStatistics = MBeans.name(MBeans.Type.CacheStatistics, MANAGER, "a,b");
    ObjectName dotStatistics = objectName("CacheStatistics", "a.b");
    assertEquals(1L, server.getAttribute(commaStatistics, "CachePuts"));
    assertEquals(0L, server.getAttribute(dotStatistics, "CachePuts"));

    comma.close();
    assertFalse(server.isRegistered(commaStatistics));
    assertTrue(server.isRegistered(dotStatistics), "closing a,b leaves a.b's bean");
    assertTrue(server.isRegistered(objectName("CacheConfiguration", "a.b")));
    dot.put("k", "v");
    assertEquals(1L, server.getAttribute(dotStatistics, "CachePuts"));
  }

  /**
   * Finding 9 of issue 11: two managers of one URI and different class loaders. The second cannot
   * take the name (its statistics would be read as the first's), so its createCache fails naming
   * the conflict, and nothing it does removes the first one's beans.
   */
  @Test
  void createCache_sameUriOtherClassLoader_isRefusedAndNeverRemovesTheFirstBeans()
      throws Exception {
    Cache<String, String> first = cache("shared", true, true);
    first.put("k", "v");
    ObjectName statistics = objectName("CacheStatistics", "shared");
    ObjectName configuration = objectName("CacheConfiguration", "shared");
    ClassLoader other = new URLClassLoader(new URL[0], getClass().getClassLoader());
    CacheManager second = Caching.getCachingProvider().getCacheManager(manager.getURI(), other);
    try {
      assertNotSame(manager, second);
      CacheException e =
          assertThrows(CacheException.class, () -> cache(second, "shared", true, false));
      assertTrue(e.getMessage().contains(statistics.toString()), e.getMessage());
      assertTrue(e.getMessage().contains("taken by cache shared"), e.getMessage());
      assertNull(second.getCache("shared"), "the refused cache was not kept");

      Cache<String, String> quiet = cache(second, "shared", false, false);
      second.enableStatistics("shared", false);
      second.enableManagement("shared", false);
      quiet.close();
      assertTrue(server.isRegistered(statistics), "the first cache's bean stays");
      assertTrue(server.isRegistered(configuration));
      assertEquals(1L, server.getAttribute(statistics, "CachePuts"));
    } finally {
      second.close();
    }
    assertTrue(server.isRegistered(statistics), "closing the other manager leaves it too");
    first.close();
    assertFalse(server.isRegistered(statistics));
  }

  @Test
  void createCache_emptyNameWithManagement_registersAndClosesCleanly() throws Exception {
    Cache<String, String> cache = cache("", true, true);
    ObjectName statistics = MBeans.name(MBeans.Type.CacheStatistics, MANAGER, "");
    assertTrue(server.isRegistered(statistics), statistics.toString());
    assertTrue(server.isRegistered(MBeans.name(MBeans.Type.CacheConfiguration, MANAGER, "")));
    cache.close();
    assertFalse(server.isRegistered(statistics));
    assertFalse(manager.getCacheNames().iterator().hasNext());
  }

  @Test
  void name_emptyOrNullPart_isAValidQuotedEmptyValue() {
    ObjectName name = MBeans.name(MBeans.Type.CacheStatistics, null, "");
    assertFalse(name.isPattern());
    assertEquals("\"\"", name.getKeyProperty("CacheManager"));
    assertEquals("\"\"", name.getKeyProperty("Cache"));
  }

  @Test
  void name_plainParts_areKeptAsTheyAre() {
    ObjectName name = MBeans.name(MBeans.Type.CacheConfiguration, "urn.cairn", "orders-2");
    assertEquals("CacheConfiguration", name.getKeyProperty("type"));
    assertEquals("urn.cairn", name.getKeyProperty("CacheManager"));
    assertEquals("orders-2", name.getKeyProperty("Cache"));
  }

  @Test
  void register_sameOwnerTwice_keepsTheFirstBean_otherOwnerIsRefused() throws Exception {
    ObjectName name = MBeans.name(MBeans.Type.CacheConfiguration, MANAGER, "twice");
    Object owner = new Object();
    Object stranger = new Object();
    try {
      MBeans.register(
          name,
          new CacheMXBeanImpl(new MutableConfiguration<>().setReadThrough(true)),
          owner,
          "the owner");
      MBeans.register(name, new CacheMXBeanImpl(new MutableConfiguration<>()), owner, "the owner");
      assertEquals(true, server.getAttribute(name, "ReadThrough"));
      CacheException e =
          assertThrows(
              CacheException.class,
              () ->
                  MBeans.register(
                      name, new CacheMXBeanImpl(new MutableConfiguration<>()), stranger, "other"));
      assertTrue(e.getMessage().contains("taken by the owner"), e.getMessage());
      MBeans.unregister(name, stranger);
      assertTrue(server.isRegistered(name), "only the owner unregisters");
    } finally {
      MBeans.unregister(name, owner);
    }
    assertFalse(server.isRegistered(name));
    MBeans.unregister(name, owner); // unregistering what is not registered is a no-op
    assertFalse(server.isRegistered(name));
  }

  @Test
  void createCache_statisticsAndManagementEnabled_registersBoth() throws Exception {
    cache("both", true, true);
    assertTrue(server.isRegistered(objectName("CacheStatistics", "both")));
    assertTrue(server.isRegistered(objectName("CacheConfiguration", "both")));
  }

  @Test
  void createCache_bothDisabled_registersNothing() throws Exception {
    cache("none", false, false);
    assertFalse(server.isRegistered(objectName("CacheStatistics", "none")));
    assertFalse(server.isRegistered(objectName("CacheConfiguration", "none")));
  }

  @Test
  void enableStatistics_onThenOff_registersThenUnregisters() throws Exception {
    cache("s", false, false);
    ObjectName statistics = objectName("CacheStatistics", "s");
    manager.enableStatistics("s", true);
    assertTrue(server.isRegistered(statistics));
    assertFalse(server.isRegistered(objectName("CacheConfiguration", "s")));
    manager.enableStatistics("s", false);
    assertFalse(server.isRegistered(statistics));
  }

  @Test
  void enableManagement_onThenOff_registersThenUnregisters() throws Exception {
    cache("m", false, false);
    ObjectName configuration = objectName("CacheConfiguration", "m");
    manager.enableManagement("m", true);
    assertTrue(server.isRegistered(configuration));
    assertEquals(true, server.getAttribute(configuration, "ManagementEnabled"));
    assertEquals(false, server.getAttribute(configuration, "StatisticsEnabled"));
    manager.enableStatistics("m", true);
    assertEquals(true, server.getAttribute(configuration, "StatisticsEnabled"));
    manager.enableManagement("m", false);
    assertFalse(server.isRegistered(configuration));
  }

  @Test
  void close_cache_unregistersBoth() throws Exception {
    Cache<String, String> cache = cache("closing", true, true);
    cache.close();
    assertFalse(server.isRegistered(objectName("CacheStatistics", "closing")));
    assertFalse(server.isRegistered(objectName("CacheConfiguration", "closing")));
  }

  @Test
  void destroyCache_registered_unregistersBoth() throws Exception {
    cache("destroyed", true, true);
    manager.destroyCache("destroyed");
    assertFalse(server.isRegistered(objectName("CacheStatistics", "destroyed")));
    assertFalse(server.isRegistered(objectName("CacheConfiguration", "destroyed")));
  }

  @Test
  void close_manager_unregistersEveryCache() throws Exception {
    cache("one", true, false);
    cache("two", false, true);
    manager.close();
    assertFalse(server.isRegistered(objectName("CacheStatistics", "one")));
    assertFalse(server.isRegistered(objectName("CacheConfiguration", "two")));
  }

  @Test
  void createCache_namesWithObjectNameMetacharacters_registerAndUnregisterCleanly() {
    for (String name : List.of("orders*", "what?", "say \"hi\"", "back\\slash")) {
      Cache<String, String> cache = cache(name, true, true);
      ObjectName statistics = MBeans.name(MBeans.Type.CacheStatistics, MANAGER, name);
      assertFalse(statistics.isPattern(), statistics.toString());
      assertTrue(server.isRegistered(statistics), statistics.toString());
      assertEquals(1, server.queryNames(statistics, null).size(), statistics.toString());
      cache.close();
      assertFalse(server.isRegistered(statistics), statistics.toString());
    }
  }

  @Test
  void statisticsBean_registered_reportsTheCachesCounts() throws Exception {
    Cache<String, String> cache = cache("counted", true, false);
    cache.put("k", "v");
    cache.get("k");
    cache.get("absent");
    ObjectName statistics = objectName("CacheStatistics", "counted");
    assertEquals(1L, server.getAttribute(statistics, "CachePuts"));
    assertEquals(1L, server.getAttribute(statistics, "CacheHits"));
    assertEquals(1L, server.getAttribute(statistics, "CacheMisses"));
    assertEquals(50f, server.getAttribute(statistics, "CacheHitPercentage"));
  }

  @Test
  void statisticsBean_registered_reportsCairnsSkippedPuts() throws Exception {
    Cache<String, String> cache =
        manager.createCache(
            "skipping",
            new CairnConfiguration<String, String>()
                .setTypes(String.class, String.class)
                .setCapacityBytes(1 << 20)
                .setSegmentSize(4096)
                .setOversizedValues(OversizedValues.SKIP)
                .setStatisticsEnabled(true));
    long limit = cache.unwrap(ByteStore.class).config().maxItemBytes();
    cache.put("k", "x".repeat((int) limit + 1));
    ObjectName statistics = objectName("CacheStatistics", "skipping");
    assertEquals(1L, server.getAttribute(statistics, "CacheSkippedPuts"));
    assertEquals(0L, server.getAttribute(statistics, "CachePuts"));
  }
}

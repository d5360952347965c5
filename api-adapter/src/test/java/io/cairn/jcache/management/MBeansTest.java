package io.cairn.jcache.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.jcache.CacheManagerFixture;
import java.lang.management.ManagementFactory;
import java.util.List;
import javax.cache.Cache;
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
    return manager.createCache(
        name,
        new MutableConfiguration<String, String>()
            .setStatisticsEnabled(statistics)
            .setManagementEnabled(management));
  }

  @Test
  void name_specialCharacters_areEachReplacedByADot() throws Exception {
    ObjectName name = MBeans.name(MBeans.Type.CacheStatistics, "a,b:c=d\ne", "x=y,z:w\nv");
    assertEquals("CacheStatistics", name.getKeyProperty("type"));
    assertEquals("a.b.c.d.e", name.getKeyProperty("CacheManager"));
    assertEquals("x.y.z.w.v", name.getKeyProperty("Cache"));
    assertEquals("javax.cache", name.getDomain());
  }

  @Test
  void name_patternAndQuoteCharacters_areReplacedToo() {
    ObjectName name = MBeans.name(MBeans.Type.CacheStatistics, "m*?", "a\"b\\c*d?");
    assertFalse(name.isPattern(), name.toString());
    assertEquals("m..", name.getKeyProperty("CacheManager"));
    assertEquals("a.b.c.d.", name.getKeyProperty("Cache"));
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
  void registerTwice_sameName_keepsTheFirstBean() throws Exception {
    ObjectName name = MBeans.name(MBeans.Type.CacheConfiguration, MANAGER, "twice");
    try {
      MBeans.register(name, new CacheMXBeanImpl(new MutableConfiguration<>().setReadThrough(true)));
      MBeans.register(name, new CacheMXBeanImpl(new MutableConfiguration<>()));
      assertEquals(true, server.getAttribute(name, "ReadThrough"));
    } finally {
      MBeans.unregister(name);
    }
    assertFalse(server.isRegistered(name));
    MBeans.unregister(name); // unregistering what is not registered is a no-op
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
}

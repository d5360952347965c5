package io.cairn.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.cache.CacheException;
import org.junit.jupiter.api.Test;

class ClusterSettingsTest {
  private static ClusterSettings read(String hocon) {
    return ClusterSettings.read(ConfigFactory.parseString(hocon), "file:/app/cairn.conf");
  }

  /** Reading {@code hocon} fails naming the file and {@code cairn.cluster.key}. */
  private static String failure(String hocon, String key) {
    CacheException e = assertThrows(CacheException.class, () -> read(hocon));
    assertTrue(
        e.getMessage().startsWith("file:/app/cairn.conf: cairn.cluster." + key + " "),
        e.getMessage());
    return e.getMessage();
  }

  @Test
  void read_staticMembers_givesTheDefaultsForTheRest() {
    ClusterSettings settings = read("name = shop, members = [\"10.0.0.1:7800\", \"h:7801\"]");
    assertEquals("shop", settings.name());
    assertEquals(ClusterSettings.Discovery.STATIC, settings.discovery());
    assertEquals(List.of("10.0.0.1:7800", "h:7801"), settings.members());
    assertEquals("127.0.0.1", settings.bindAddress());
    assertEquals(7800, settings.bindPort());
    assertEquals(ClusterSettings.DEFAULT_SYNC_TIMEOUT_MILLIS, settings.syncTimeoutMillis());
    assertEquals(SyncTimeoutAction.FAIL, settings.onSyncTimeout());
    assertNull(settings.stack());
  }

  @Test
  void read_everyKey_setsItsSetting() {
    ClusterSettings settings =
        read(
            """
            name = shop, discovery = jdbc, jdbc-url = "jdbc:h2:mem:x", jdbc-user = sa,
            jdbc-password = "", jdbc-driver = org.h2.Driver, bind-address = 10.0.0.5,
            bind-port = 7900, port-range = 3, sync-timeout = 250ms,
            on-sync-timeout = DROP-LOCAL, failure-timeout = 3s
            """);
    assertEquals(ClusterSettings.Discovery.JDBC, settings.discovery());
    assertEquals(
        new ClusterSettings.Jdbc("jdbc:h2:mem:x", "sa", "", "org.h2.Driver"), settings.jdbc());
    assertEquals(7900, settings.bindPort());
    assertEquals(3, settings.portRange());
    assertEquals(250, settings.syncTimeoutMillis());
    assertEquals(SyncTimeoutAction.DROP_LOCAL, settings.onSyncTimeout());
    assertEquals(3000, settings.failureTimeoutMillis());
  }

  @Test
  void read_badSettings_failNamingTheKey() {
    failure("name = shop, members = [\"a:1\"], membres = []", "membres");
    failure("discovery = loopback", "name");
    failure("name = shop, discovery = gossip", "discovery");
    failure("name = shop", "members");
    failure("name = shop, members = [\"no-port\"]", "members");
    failure("name = shop, discovery = jdbc", "jdbc-url");
    failure("name = shop, discovery = loopback, sync-timeout = soon", "sync-timeout");
    failure("name = shop, discovery = loopback, sync-timeout = 0s", "sync-timeout");
    failure("name = shop, discovery = loopback, bind-port = 70000", "bind-port");
    failure("name = shop, discovery = loopback, on-sync-timeout = retry", "on-sync-timeout");
    failure("name = shop, stack = \"tcp.xml\", discovery = multicast", "stack");
  }

  @Test
  void xml_staticDiscovery_listsTheMembersForTcpping() throws IOException {
    String xml = text(JGroupsStacks.xml(read("name = s, members = [\"127.0.0.1:7800\", \"h:1\"]")));
    assertTrue(xml.contains("<TCP bind_addr=\"127.0.0.1\" bind_port=\"7800\""), xml);
    assertTrue(xml.contains("initial_hosts=\"127.0.0.1[7800],h[1]\""), xml);
    assertTrue(xml.contains("<FD_ALL3 timeout=\"10000ms\""), xml);
    String multicast = text(JGroupsStacks.xml(read("name = s, discovery = multicast")));
    assertTrue(multicast.contains("mcast_addr=\"228.8.8.8\" mcast_port=\"45588\""), multicast);
    String jdbc =
        text(
            JGroupsStacks.xml(
                read("name = s, discovery = jdbc, jdbc-url = \"jdbc:x?a=1&b=\\\"2\"")));
    assertTrue(jdbc.contains("connection_url=\"jdbc:x?a=1&amp;b=&quot;2\""), jdbc);
  }

  private static String text(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }
}

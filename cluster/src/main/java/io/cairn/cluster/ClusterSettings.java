package io.cairn.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValueType;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import javax.cache.CacheException;

/**
 * The {@code cairn.cluster} section of a manager's file, checked: every key known, every value of
 * its kind, the discovery's own keys present. A bad one fails with a {@link CacheException} naming
 * the file and the full key ({@code cairn.cluster.sync-timeout}). docs/cluster.md lists the keys.
 *
 * <p>Threading: immutable.
 *
 * @param name the JGroups cluster name: members of one name form one cluster
 * @param discovery how members find each other, when {@code stack} is {@code null}
 * @param stack a JGroups stack file (a path or a class path resource), or {@code null}
 * @param bindAddress the address the transport binds, in JGroups' notation
 * @param bindPort the first port tried ({@code static}, {@code jdbc})
 * @param portRange how many ports from {@code bindPort} are tried, and probed on each member
 * @param members the static members, {@code host:port} each ({@code static})
 * @param multicastAddress the multicast group ({@code multicast})
 * @param multicastPort the multicast port ({@code multicast})
 * @param jdbc the database of {@code JDBC_PING2} ({@code jdbc}), or {@code null}
 * @param syncTimeoutMillis how long an {@code invalidate-sync} write waits for acknowledgements
 * @param onSyncTimeout what such a write does when they do not all come
 * @param failureTimeoutMillis how long a silent member stays in the view ({@code FD_ALL3})
 */
public record ClusterSettings(
    String name,
    Discovery discovery,
    String stack,
    String bindAddress,
    int bindPort,
    int portRange,
    List<String> members,
    String multicastAddress,
    int multicastPort,
    Jdbc jdbc,
    long syncTimeoutMillis,
    SyncTimeoutAction onSyncTimeout,
    long failureTimeoutMillis) {

  /** How members find each other. */
  public enum Discovery {
    /** TCP to a fixed list of members ({@code TCPPING}). */
    STATIC,
    /** UDP multicast ({@code PING}). */
    MULTICAST,
    /** TCP, with the members registered in a database table ({@code JDBC_PING2}). */
    JDBC,
    /** In this JVM only ({@code SHARED_LOOPBACK}): for tests. */
    LOOPBACK
  }

  /** The database of {@code JDBC_PING2}: URL, user, password, driver class (or {@code null}). */
  public record Jdbc(String url, String user, String password, String driver) {}

  /** The default {@code sync-timeout}: long enough for a retransmission or two, 5 s. */
  public static final long DEFAULT_SYNC_TIMEOUT_MILLIS = 5_000;

  /** The default {@code failure-timeout}: a crashed member leaves the view within 10 s. */
  public static final long DEFAULT_FAILURE_TIMEOUT_MILLIS = 10_000;

  private static final Set<String> KEYS =
      Set.of(
          "name",
          "discovery",
          "stack",
          "bind-address",
          "bind-port",
          "port-range",
          "members",
          "multicast-address",
          "multicast-port",
          "jdbc-url",
          "jdbc-user",
          "jdbc-password",
          "jdbc-driver",
          "sync-timeout",
          "on-sync-timeout",
          "failure-timeout");

  /**
   * The settings {@code section} holds; {@code source} names the file in messages.
   *
   * @throws CacheException naming the key, for an unknown key or a bad value
   */
  public static ClusterSettings read(Config section, String source) {
    return new Reader(section, source).settings();
  }

  /** Reads one section; keeps the source for its messages. */
  private record Reader(Config c, String source) {
    ClusterSettings settings() {
      for (String key : new TreeSet<>(c.root().keySet())) {
        if (!KEYS.contains(key)) {
          throw bad(key, "is not a key of cairn.cluster; allowed: " + new TreeSet<>(KEYS));
        }
      }
      String name = text("name", null);
      if (name == null || name.isBlank()) {
        throw bad("name", "is required: the name of the JGroups cluster to join");
      }
      String stack = text("stack", null);
      if (stack != null && c.hasPath("discovery")) {
        throw bad(
            "stack", "and cairn.cluster.discovery exclude each other: a stack file sets both");
      }
      Discovery discovery = choice("discovery", Discovery.class, Discovery.STATIC);
      List<String> members = c.hasPath("members") ? list("members") : List.of();
      if (stack == null && discovery == Discovery.STATIC && members.isEmpty()) {
        throw bad("members", "is required with discovery = static: [\"host:port\", ...]");
      }
      for (String member : members) {
        int colon = member.lastIndexOf(':');
        if (colon <= 0 || !member.substring(colon + 1).matches("\\d{1,5}")) {
          throw bad("members", "must hold host:port entries, not \"" + member + "\"");
        }
      }
      Jdbc jdbc = null;
      if (stack == null && discovery == Discovery.JDBC) {
        String url = text("jdbc-url", null);
        if (url == null) {
          throw bad("jdbc-url", "is required with discovery = jdbc");
        }
        jdbc =
            new Jdbc(
                url, text("jdbc-user", ""), text("jdbc-password", ""), text("jdbc-driver", null));
      }
      long syncTimeout = millis("sync-timeout", DEFAULT_SYNC_TIMEOUT_MILLIS);
      long failureTimeout = millis("failure-timeout", DEFAULT_FAILURE_TIMEOUT_MILLIS);
      return new ClusterSettings(
          name,
          discovery,
          stack,
          text("bind-address", "127.0.0.1"),
          port("bind-port", 7800),
          (int) whole("port-range", 10, 1, 1000),
          members,
          text("multicast-address", "228.8.8.8"),
          port("multicast-port", 45588),
          jdbc,
          syncTimeout,
          choice("on-sync-timeout", SyncTimeoutAction.class, SyncTimeoutAction.FAIL),
          failureTimeout);
    }

    private String text(String key, String absent) {
      if (!c.hasPath(key)) {
        return absent;
      }
      if (c.getValue(key).valueType() != ConfigValueType.STRING
          && c.getValue(key).valueType() != ConfigValueType.NUMBER) {
        throw bad(key, "must be a string");
      }
      return c.getString(key);
    }

    private List<String> list(String key) {
      try {
        return List.copyOf(c.getStringList(key));
      } catch (ConfigException e) {
        throw bad(key, "must be a list of strings");
      }
    }

    private long whole(String key, long absent, long min, long max) {
      if (!c.hasPath(key)) {
        return absent;
      }
      long value;
      try {
        value = c.getLong(key);
      } catch (ConfigException e) {
        throw bad(key, "must be a whole number from " + min + " to " + max);
      }
      if (value < min || value > max) {
        throw bad(key, "must be a whole number from " + min + " to " + max + ", not " + value);
      }
      return value;
    }

    private int port(String key, int absent) {
      return (int) whole(key, absent, 1, 65535);
    }

    private long millis(String key, long absent) {
      if (!c.hasPath(key)) {
        return absent;
      }
      long value;
      try {
        value = c.getDuration(key, TimeUnit.MILLISECONDS);
      } catch (ConfigException e) {
        throw bad(key, "must be a duration such as 5s or 500ms");
      }
      if (value <= 0) {
        throw bad(key, "must be positive, not " + value + " ms");
      }
      return value;
    }

    private <E extends Enum<E>> E choice(String key, Class<E> type, E absent) {
      String value = text(key, null);
      if (value == null) {
        return absent;
      }
      List<String> allowed = new java.util.ArrayList<>();
      for (E e : type.getEnumConstants()) {
        String spelled = e.name().toLowerCase(Locale.ROOT).replace('_', '-');
        allowed.add(spelled);
        if (spelled.equalsIgnoreCase(value.trim())) {
          return e;
        }
      }
      throw bad(key, "must be one of " + allowed + ", not \"" + value + "\"");
    }

    private CacheException bad(String key, String problem) {
      return new CacheException(source + ": cairn.cluster." + key + " " + problem);
    }
  }
}

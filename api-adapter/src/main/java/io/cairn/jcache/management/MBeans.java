package io.cairn.jcache.management;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import javax.cache.CacheException;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanRegistrationException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.NotCompliantMBeanException;
import javax.management.ObjectName;

/**
 * Registers caches' MXBeans in the platform MBean server under the standard JCache names, {@code
 * javax.cache:type=CacheStatistics|CacheConfiguration,CacheManager=<uri>,Cache=<name>}, which the
 * TCK and Micrometer's {@code JCacheMetrics} compute and look up.
 *
 * <ul>
 *   <li>{@code CacheManager}: the URI with {@code , : = \n} replaced by {@code .}, as JCache's
 *       reference implementation, the TCK and Micrometer do, and {@code * ? " \} too (they would
 *       make the name a pattern or malformed); an empty URI becomes {@code ""}. This is lossy:
 *       {@code test:a} and {@code test.a} give one value.
 *   <li>{@code Cache}: the name as it is when it holds none of {@code , : = " * ? \ \n} and is not
 *       empty, so plain names keep the standard form; otherwise the name quoted by {@link
 *       ObjectName#quote}. This is injective: {@code a,b} and {@code a.b} get two names.
 * </ul>
 *
 * <p>Ownership: each name is registered by one owner (a cache) at a time, and only that owner
 * unregisters it. A second owner asking for a taken name, which happens only when two managers'
 * URIs give one {@code CacheManager} value (one URI with two class loaders, or URIs that differ
 * only in the replaced characters) and both have a cache of one name with statistics or management
 * on, is refused with a {@link CacheException} naming both: it never takes over or removes the
 * first one's bean, and it never reports under a name that readers attribute to the other cache.
 *
 * <p>Threading: thread-safe; registrations and unregistrations are serialized on the table of
 * owners.
 */
public final class MBeans {

  /** The two kinds of MXBean a cache has. */
  public enum Type {
    /** The {@link javax.cache.management.CacheMXBean}. */
    CacheConfiguration,
    /** The {@link javax.cache.management.CacheStatisticsMXBean}. */
    CacheStatistics
  }

  /**
   * What an unquoted {@link ObjectName} value may not hold: the first four are what JCache's
   * reference implementation replaces, the others would make the name a pattern or malformed.
   */
  private static final Pattern SPECIAL = Pattern.compile("[,:=\n*?\"\\\\]");

  /** The owner and its description of each name registered through this class. */
  // guarded by itself
  private static final Map<ObjectName, Registration> REGISTERED = new HashMap<>();

  private MBeans() {}

  /** The object name of a cache's MXBean. */
  public static ObjectName name(Type type, String managerUri, String cacheName) {
    String name =
        "javax.cache:type="
            + type
            + ",CacheManager="
            + managerValue(managerUri)
            + ",Cache="
            + cacheValue(cacheName);
    try {
      return new ObjectName(name);
    } catch (MalformedObjectNameException e) {
      throw new CacheException("invalid MBean name " + name, e);
    }
  }

  /**
   * Registers {@code bean} under {@code name} for {@code owner}, described by {@code description}
   * in messages; nothing happens if {@code owner} has registered it already.
   *
   * @throws CacheException if another owner, or something outside Cairn, holds the name
   */
  public static void register(ObjectName name, Object bean, Object owner, String description) {
    synchronized (REGISTERED) {
      Registration current = REGISTERED.get(name);
      if (current != null && current.owner() == owner) {
        return;
      }
      if (current != null) {
        throw taken(name, description, current.description());
      }
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      try {
        server.registerMBean(bean, name);
      } catch (InstanceAlreadyExistsException e) {
        throw taken(name, description, "an MBean not registered by this Cairn provider");
      } catch (MBeanRegistrationException | NotCompliantMBeanException e) {
        throw new CacheException("cannot register MBean " + name + " for " + description, e);
      }
      REGISTERED.put(name, new Registration(owner, description));
    }
  }

  /** Unregisters {@code name} if {@code owner} registered it; another owner's bean stays. */
  public static void unregister(ObjectName name, Object owner) {
    synchronized (REGISTERED) {
      Registration current = REGISTERED.get(name);
      if (current == null || current.owner() != owner) {
        return;
      }
      REGISTERED.remove(name);
      try {
        ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
      } catch (InstanceNotFoundException e) {
        // unregistered behind Cairn's back (through the MBean server): nothing left to do
      } catch (MBeanRegistrationException e) {
        throw new CacheException("cannot unregister MBean " + name, e);
      }
    }
  }

  private static CacheException taken(ObjectName name, String description, String holder) {
    return new CacheException(
        "cannot register MBean "
            + name
            + " for "
            + description
            + ": the name is taken by "
            + holder
            + ". The CacheManager part of the name is the manager's URI with , : = and newline"
            + " replaced by '.', as JCache tools expect; managers with one URI and different class"
            + " loaders, or URIs differing only in those characters, need distinct URIs to have"
            + " caches of one name with statistics or management enabled");
  }

  private static String managerValue(String uri) {
    if (uri == null || uri.isEmpty()) {
      return ObjectName.quote(""); // an empty value is malformed unquoted
    }
    return SPECIAL.matcher(uri).replaceAll(".");
  }

  private static String cacheValue(String cacheName) {
    if (cacheName == null || cacheName.isEmpty() || SPECIAL.matcher(cacheName).find()) {
      return ObjectName.quote(cacheName == null ? "" : cacheName);
    }
    return cacheName;
  }

  /** Who registered a name, and how messages describe it. */
  private record Registration(Object owner, String description) {}
}

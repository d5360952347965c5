package io.cairn.jcache.management;

import java.lang.management.ManagementFactory;
import javax.cache.CacheException;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanRegistrationException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.NotCompliantMBeanException;
import javax.management.ObjectName;

/**
 * Registers caches' MXBeans in the platform MBean server under {@code
 * javax.cache:type=CacheStatistics|CacheConfiguration,CacheManager=<uri>,Cache=<name>}, with {@code
 * , : = \n} in the URI and name replaced by {@code .}, as JCache's reference implementation does,
 * and so are {@code * ? " \}, which would otherwise make the name a pattern or malformed; an empty
 * URI or name becomes {@code ""}.
 *
 * <p>Threading: thread-safe; the MBean server is.
 */
public final class MBeans {

  /** The two kinds of MXBean a cache has. */
  public enum Type {
    /** The {@link javax.cache.management.CacheMXBean}. */
    CacheConfiguration,
    /** The {@link javax.cache.management.CacheStatisticsMXBean}. */
    CacheStatistics
  }

  private MBeans() {}

  /** The object name of a cache's MXBean. */
  public static ObjectName name(Type type, String managerUri, String cacheName) {
    String name =
        "javax.cache:type="
            + type
            + ",CacheManager="
            + safe(managerUri)
            + ",Cache="
            + safe(cacheName);
    try {
      return new ObjectName(name);
    } catch (MalformedObjectNameException e) {
      throw new CacheException("invalid MBean name " + name, e);
    }
  }

  /** Registers {@code bean} under {@code name} unless something is already registered there. */
  public static void register(ObjectName name, Object bean) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      if (!server.isRegistered(name)) {
        server.registerMBean(bean, name);
      }
    } catch (InstanceAlreadyExistsException e) {
      // a concurrent registration of the same cache won; either bean serves
    } catch (MBeanRegistrationException | NotCompliantMBeanException e) {
      throw new CacheException("cannot register MBean " + name, e);
    }
  }

  /** Unregisters {@code name} if registered. */
  public static void unregister(ObjectName name) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      if (server.isRegistered(name)) {
        server.unregisterMBean(name);
      }
    } catch (InstanceNotFoundException e) {
      // a concurrent unregistration won
    } catch (MBeanRegistrationException e) {
      throw new CacheException("cannot unregister MBean " + name, e);
    }
  }

  private static String safe(String part) {
    if (part == null || part.isEmpty()) {
      return ObjectName.quote(""); // an empty value is malformed unquoted
    }
    return part.replaceAll("[,:=\n*?\"\\\\]", ".");
  }
}

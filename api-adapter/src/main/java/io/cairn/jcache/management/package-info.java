/**
 * Management: the {@code CacheMXBean} and {@code CacheStatisticsMXBean} of each cache, and their
 * registration in the platform MBean server.
 *
 * <p>Conventions: parameters and return values are non-null unless documented otherwise.
 */
package io.cairn.jcache.management;

/**
 * Cairn's configuration: {@link io.cairn.jcache.configuration.CairnConfiguration}, a JCache {@code
 * MutableConfiguration} with the engine's settings (capacity, segment size, shards, eviction,
 * expirer period, serializers).
 *
 * <p>Conventions: parameters and return values are non-null unless documented otherwise; bad values
 * throw {@link java.lang.IllegalArgumentException} naming the setting.
 */
package io.cairn.jcache.configuration;

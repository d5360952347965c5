/**
 * Cairn's configuration: {@link io.cairn.jcache.configuration.CairnConfiguration}, a JCache {@code
 * MutableConfiguration} with the engine's settings (capacity, segment size, shards, eviction,
 * expirer period, serializers); and the declarative file a cache manager's URI names, read by
 * {@link io.cairn.jcache.configuration.ConfigFileReader} into a {@link
 * io.cairn.jcache.configuration.ManagerConfiguration} (docs/configuration.md).
 *
 * <p>Conventions: parameters and return values are non-null unless documented otherwise; bad values
 * set in code throw {@link java.lang.IllegalArgumentException} naming the setting; bad values in a
 * file throw {@link javax.cache.CacheException} naming the file and the key path.
 */
package io.cairn.jcache.configuration;

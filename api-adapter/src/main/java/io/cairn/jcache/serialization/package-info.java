/**
 * Serialization of keys and values for the off-heap engine: the {@link
 * io.cairn.jcache.serialization.Serializer} SPI and the default {@link
 * io.cairn.jcache.serialization.ObjectSerializer}, fast for common types and falling back to Java
 * serialization.
 *
 * <p>Conventions: parameters and return values are non-null unless documented otherwise. Failures
 * throw {@link io.cairn.jcache.serialization.SerializationException}, a {@code CacheException}.
 */
package io.cairn.jcache.serialization;

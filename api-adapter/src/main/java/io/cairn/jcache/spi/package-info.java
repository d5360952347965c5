/**
 * The JCache service provider: {@link io.cairn.jcache.spi.CairnCachingProvider}.
 *
 * <p>Conventions: parameters and return values are non-null unless documented otherwise; {@code
 * null} URIs and class loaders mean the defaults, as JCache specifies.
 */
package io.cairn.jcache.spi;

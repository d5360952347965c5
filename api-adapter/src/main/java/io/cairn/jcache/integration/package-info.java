/**
 * Read-through and write-through: adapters around the user's {@code CacheLoader} and {@code
 * CacheWriter} that translate their exceptions at one place each.
 *
 * <p>Conventions: parameters and return values are non-null unless documented otherwise.
 */
package io.cairn.jcache.integration;

/**
 * Cairn's JCache (JSR-107) provider: {@link io.cairn.jcache.CacheManagerImpl} and {@link
 * io.cairn.jcache.CacheImpl} over the off-heap engine ({@code io.cairn.engine.ByteStore}) for
 * store-by-value caches, or over an on-heap map for store-by-reference ones.
 *
 * <p>Conventions: our implementations of JCache interfaces end in {@code Impl}; wrappers around
 * user-supplied JCache objects (listeners, loaders, writers, expiry policies) end in {@code
 * Adapter}. Parameters and return values are non-null unless documented otherwise; null keys and
 * values are rejected at the API edge with {@link java.lang.NullPointerException}, so the engine
 * never sees null. Every cache operation opens with one closed-state check ({@link
 * java.lang.IllegalStateException}).
 */
package io.cairn.jcache;

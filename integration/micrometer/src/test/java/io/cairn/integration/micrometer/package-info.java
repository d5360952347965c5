/**
 * Micrometer's {@code JCacheMetrics} over Cairn caches: the registry's values after known sequences
 * of operations. Parameters and return values are non-null unless documented otherwise.
 */
package io.cairn.integration.micrometer;

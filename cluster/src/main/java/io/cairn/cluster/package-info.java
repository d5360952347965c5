/**
 * Coherent Cairn caches across JVMs: a cache manager whose file has a {@code cairn.cluster} section
 * joins a JGroups cluster ({@link io.cairn.cluster.ClusterNode}), and each of its caches whose
 * {@code cluster-mode} is not {@code local} sends an invalidation of every key it changes to the
 * other members ({@link io.cairn.cluster.CacheInvalidator}). docs/cluster.md describes the
 * guarantees of each mode and the configuration.
 *
 * <p>Conventions: keys travel as the bytes their cache's key serializer made and are removed by
 * those bytes, never deserialized. Nothing here holds a lock of the engine or a key of a cache
 * while it waits for the network. Parameters and return values are non-null unless documented
 * otherwise.
 */
package io.cairn.cluster;

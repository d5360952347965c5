/**
 * Hibernate ORM's second-level cache on Cairn: {@link io.cairn.hibernate.CairnRegionFactory}, whose
 * entity, collection and natural-id regions stay coherent across a cluster by two-phase
 * invalidation with fenced put-from-load, whose update-timestamps region is replicated, and whose
 * query result regions are local (docs/hibernate.md, docs/cluster.md).
 *
 * <p>Conventions: parameters and return values are non-null unless documented otherwise. Times are
 * the region factory's timestamps ({@link io.cairn.hibernate.CairnRegionFactory#nextTimestamp}),
 * compared only on the node that took them, except in the timestamps region, where Hibernate
 * compares them across nodes as every clustered provider's does.
 */
package io.cairn.hibernate;

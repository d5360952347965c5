/**
 * Internal: the segment-structured store. {@link io.cairn.engine.segment.SegmentStore} opens with
 * the design note; {@link io.cairn.engine.segment.Shard} holds one shard's index, segments and
 * lock; {@link io.cairn.engine.segment.ItemDescriptor} the item layout. Eviction ({@code Evictor})
 * and expiry ({@code TtlBuckets}, {@code Expirer}) live here too, package-private, because they
 * work on segment state that nothing outside a shard may see.
 *
 * <p>Conventions: arguments are non-null; segment ids are ints, {@code SegmentTable.NONE} for none;
 * expiry instants are epoch milliseconds.
 */
package io.cairn.engine.segment;

/**
 * Internal: the bucketed hash index that maps keys to items in segments. Layout in {@link
 * io.cairn.engine.index.IndexDescriptor}; the table in {@link io.cairn.engine.index.HashIndex}.
 *
 * <p>Conventions: positions are byte offsets into the current table; a slot value of 0 is empty;
 * arguments are non-null.
 */
package io.cairn.engine.index;

/**
 * Internal: native memory. {@link io.cairn.engine.memory.MemoryRegion} is the only class that
 * touches raw memory, and it checks every access against the region's bounds; {@link
 * io.cairn.engine.memory.NativeMemory} allocates, frees and counts. Nothing here is API.
 *
 * <p>Conventions: indices are byte offsets from a region's start; arguments are non-null.
 */
package io.cairn.engine.memory;

/**
 * Internal: native memory. The only package that touches it: {@link
 * io.cairn.engine.memory.MemoryRegion} is how the engine reads and writes a region, checked against
 * its bounds on every access; {@link io.cairn.engine.memory.NativeMemory} allocates, frees and
 * counts. Nothing here is API.
 *
 * <p>Two backends behind those two classes, one chosen per JVM when the package is first used
 * ({@code BackendChoice}, logged at DEBUG; {@code -Dcairn.memory=unsafe|foreign} forces one):
 * {@code sun.misc.Unsafe} on Java 17 to 21 ({@code UnsafeRegion}), {@code java.lang.foreign} on
 * Java 22 and later ({@code ForeignRegion}, in {@code src/main/java22}, which the multi-release jar
 * carries in {@code META-INF/versions/22}). Neither needs a JVM flag or prints a warning.
 *
 * <p>Conventions: indices are byte offsets from a region's start; multi-byte values are in native
 * byte order; arguments are non-null.
 */
package io.cairn.engine.memory;

package io.cairn.engine.memory;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.UndeclaredThrowableException;

/**
 * The methods of {@code sun.misc.Unsafe} that the Unsafe backend uses, as method handles bound to
 * the instance, which is taken reflectively from its {@code theUnsafe} field (the module {@code
 * jdk.unsupported} opens {@code sun.misc}, so no JVM flag is needed). Loaded only when that backend
 * is chosen: on Java 23 and later the first call here prints the JDK's deprecation warning, and
 * {@code --sun-misc-unsafe-memory-access=deny} makes it throw.
 *
 * <p>Why handles and not calls: javac warns at every mention of {@code sun.misc.Unsafe} in source
 * ("internal proprietary API and may be removed"), a warning that no {@code @SuppressWarnings}
 * silences, and the build compiles with {@code -Werror}. A handle in a static final field is a
 * constant to the JIT, which inlines {@code invokeExact} down to the Unsafe intrinsic, so the
 * machine code is that of a direct call (see docs/performance.md, "Memory backends").
 *
 * <p>Addresses are absolute; nothing here checks bounds: {@link UnsafeRegion} does, before every
 * call.
 */
final class UnsafeMethods {

  private static final Class<?> TYPE;
  private static final Object UNSAFE;

  /** Offset of a {@code byte[]}'s first element from the array's base. */
  static final long BYTE_ARRAY_BASE;

  static {
    try {
      TYPE = Class.forName("sun.misc.Unsafe");
      Field field = TYPE.getDeclaredField("theUnsafe");
      field.setAccessible(true);
      UNSAFE = field.get(null);
      // A field read, not a call of arrayBaseOffset: the constant was computed by the JDK itself.
      BYTE_ARRAY_BASE = TYPE.getField("ARRAY_BYTE_BASE_OFFSET").getInt(null);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static final MethodHandle ALLOCATE = bound("allocateMemory", long.class, long.class);
  private static final MethodHandle FREE = bound("freeMemory", void.class, long.class);
  private static final MethodHandle GET_BYTE = bound("getByte", byte.class, long.class);
  private static final MethodHandle PUT_BYTE = bound("putByte", void.class, long.class, byte.class);
  private static final MethodHandle GET_SHORT = bound("getShort", short.class, long.class);
  private static final MethodHandle PUT_SHORT =
      bound("putShort", void.class, long.class, short.class);
  private static final MethodHandle GET_INT = bound("getInt", int.class, long.class);
  private static final MethodHandle PUT_INT = bound("putInt", void.class, long.class, int.class);
  private static final MethodHandle GET_LONG = bound("getLong", long.class, long.class);
  private static final MethodHandle PUT_LONG = bound("putLong", void.class, long.class, long.class);
  private static final MethodHandle PUT_INT_VOLATILE =
      bound("putIntVolatile", void.class, Object.class, long.class, int.class);
  private static final MethodHandle GET_LONG_VOLATILE =
      bound("getLongVolatile", long.class, Object.class, long.class);
  private static final MethodHandle PUT_LONG_VOLATILE =
      bound("putLongVolatile", void.class, Object.class, long.class, long.class);
  private static final MethodHandle CAS_LONG =
      bound("compareAndSwapLong", boolean.class, Object.class, long.class, long.class, long.class);
  private static final MethodHandle COPY =
      bound(
          "copyMemory", void.class, Object.class, long.class, Object.class, long.class, long.class);
  private static final MethodHandle SET =
      bound("setMemory", void.class, long.class, long.class, byte.class);

  private UnsafeMethods() {}

  private static MethodHandle bound(String name, Class<?> returns, Class<?>... parameters) {
    try {
      return MethodHandles.publicLookup()
          .findVirtual(TYPE, name, MethodType.methodType(returns, parameters))
          .bindTo(UNSAFE);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Rethrows what a handle threw: Unsafe's methods declare nothing checked. */
  private static RuntimeException propagate(Throwable t) {
    if (t instanceof RuntimeException e) {
      return e;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new UndeclaredThrowableException(t);
  }

  static long allocateMemory(long bytes) {
    try {
      return (long) ALLOCATE.invokeExact(bytes);
    } catch (Throwable t) {
      throw propagate(t);
    }
  }

  static void freeMemory(long address) {
    try {
      FREE.invokeExact(address);
    } catch (Throwable t) {
      throw propagate(t);
    }
  }

  static byte getByte(long address) {
    try {
      return (byte) GET_BYTE.invokeExact(address);
    } catch (Throwable t) {
      throw propagate(t);
    }
  }

  static void putByte(long address, byte value) {
    try {
      PUT_BYTE.invokeExact(address, value);
    } catch (Throwable t) {
      throw propagate(t);
    }
  }

  static short getShort(long address) {
    try {
      return (short) GET_SHORT.invokeExact(address);
    } catch (Throwable t) {
      throw propagate(t);
    }
  }

  static void putShort(long address, short value) {
    try {
      PUT_SHORT.invokeExact(address, value);
    } catch (Throwable t) {
      throw propagate(t);
    }
  }

  static int getInt(long address) {
    try {
      return (int) GET_INT.invokeExact(address);
    } catch (Throwable t) {
      throw propagate(t);
    }
  }

  static void putInt(long address, int value) {
    try {
      PUT_INT.invokeExact(address, value);
    } catch (Throwable t) {
      throw propagate(t);
    }
  }

  static long getLong(long address) {
    try {
      return (long) GET_LONG.invokeExact(address);
    } catch (Throwable t) {
      throw propagate(t);
    }
  }

  static void putLong(long address, long value) {
    try {
      PUT_LONG.invokeExact(address, value);
    } catch (Throwable t) {
      throw propagate(t);
    }
  }

  static long getLongVolatile(long address) {
    try {
      return (long) GET_LONG_VOLATILE.invokeExact((Object) null, address);
    } catch (Throwable t) {
      throw propagate(t);
    }
  }

  static void putIntVolatile(long address, int value) {
    try {
      PUT_INT_VOLATILE.invokeExact((Object) null, address, value);
    } catch (Throwable t) {
      throw propagate(t);
    }
  }

  static void putLongVolatile(long address, long value) {
    try {
      PUT_LONG_VOLATILE.invokeExact((Object) null, address, value);
    } catch (Throwable t) {
      throw propagate(t);
    }
  }

  static boolean compareAndSwapLong(long address, long expected, long update) {
    try {
      return (boolean) CAS_LONG.invokeExact((Object) null, address, expected, update);
    } catch (Throwable t) {
      throw propagate(t);
    }
  }

  /** Copies between native memory ({@code null} base, absolute offset) and arrays. */
  static void copyMemory(Object srcBase, long srcOffset, Object dstBase, long dstOffset, long n) {
    try {
      COPY.invokeExact(srcBase, srcOffset, dstBase, dstOffset, n);
    } catch (Throwable t) {
      throw propagate(t);
    }
  }

  static void setMemory(long address, long bytes, byte value) {
    try {
      SET.invokeExact(address, bytes, value);
    } catch (Throwable t) {
      throw propagate(t);
    }
  }
}

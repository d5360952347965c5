package io.cairn.engine;

/**
 * A heap copy of one entry, as returned by {@link ByteStore#iterator()}.
 *
 * @param key the key's bytes
 * @param value the value's bytes
 * @param expireAt the expiry instant in epoch milliseconds, or {@link ByteStore#ETERNAL}
 */
public record StoreEntry(byte[] key, byte[] value, long expireAt) {}

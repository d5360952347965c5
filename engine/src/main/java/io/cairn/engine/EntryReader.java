package io.cairn.engine;

/**
 * Reads a stored entry in place: its value, expiry instant and version. See {@link
 * ByteStore#readEntry}; the rules of {@link ValueReader} apply (it may run more than once, must not
 * keep the view, and must have no side effects).
 */
@FunctionalInterface
public interface EntryReader<R> {

  /**
   * Returns a result computed from the entry; {@code null} is allowed.
   *
   * @param value the value's bytes, valid during the call only
   * @param expireAt the expiry instant, or {@link ByteStore#ETERNAL}
   * @param version the item's version, for {@link ByteStore#commit}
   */
  R read(BytesView value, long expireAt, long version);
}

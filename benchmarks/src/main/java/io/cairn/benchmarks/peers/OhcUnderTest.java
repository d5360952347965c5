package io.cairn.benchmarks.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.caffinitas.ohc.CacheSerializer;
import org.caffinitas.ohc.OHCache;
import org.caffinitas.ohc.OHCacheBuilder;

/** OHC through its own API: the off-heap reference. Values are stored as their raw payload. */
final class OhcUnderTest implements CacheUnderTest {

  private final OHCache<Long, Object> cache;

  private OhcUnderTest(OHCache<Long, Object> cache) {
    this.cache = cache;
  }

  static OhcUnderTest open(ValueKind kind, long capacityBytes) {
    return new OhcUnderTest(
        OHCacheBuilder.<Long, Object>newBuilder()
            .keySerializer(new LongSerializer())
            .valueSerializer(new PayloadSerializer(kind))
            .capacity(capacityBytes)
            .build());
  }

  @Override
  public Object get(Long key) {
    return cache.get(key);
  }

  @Override
  public void put(Long key, Object value) {
    cache.put(key, value);
  }

  @Override
  public long nativeBytes() {
    return cache.memUsed();
  }

  @Override
  public long evictions() {
    return cache.stats().getEvictionCount();
  }

  @Override
  public void close() {
    try {
      cache.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class LongSerializer implements CacheSerializer<Long> {
    @Override
    public void serialize(Long value, ByteBuffer buffer) {
      buffer.putLong(value);
    }

    @Override
    public Long deserialize(ByteBuffer buffer) {
      return buffer.getLong();
    }

    @Override
    public int serializedSize(Long value) {
      return Long.BYTES;
    }
  }

  private static final class PayloadSerializer implements CacheSerializer<Object> {
    private final ValueKind kind;

    PayloadSerializer(ValueKind kind) {
      this.kind = kind;
    }

    @Override
    public void serialize(Object value, ByteBuffer buffer) {
      buffer.put(kind.encode(value));
    }

    @Override
    public Object deserialize(ByteBuffer buffer) {
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return kind.decode(bytes);
    }

    @Override
    public int serializedSize(Object value) {
      return kind.encode(value).length;
    }
  }
}

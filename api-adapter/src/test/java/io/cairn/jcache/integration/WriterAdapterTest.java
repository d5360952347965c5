package io.cairn.jcache.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.jcache.EntryImpl;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;
import org.junit.jupiter.api.Test;

class WriterAdapterTest {

  /**
   * Records what it writes and deletes; refuses keys starting with "bad" with {@link #failure}
   * (bulk calls first take the good ones out of the collection, as the spec asks).
   */
  static final class RecordingWriter implements CacheWriter<String, String>, Closeable {
    final List<String> calls = new ArrayList<>();
    RuntimeException failure = new IllegalArgumentException("refused");
    boolean closed;

    @Override
    public void write(Cache.Entry<? extends String, ? extends String> entry) {
      refuse(entry.getKey());
      calls.add("write " + entry.getKey() + "=" + entry.getValue());
    }

    @Override
    public void writeAll(Collection<Cache.Entry<? extends String, ? extends String>> entries) {
      for (var it = entries.iterator(); it.hasNext(); ) {
        var entry = it.next();
        if (!entry.getKey().startsWith("bad")) {
          calls.add("write " + entry.getKey() + "=" + entry.getValue());
          it.remove();
        }
      }
      if (!entries.isEmpty()) {
        throw failure;
      }
    }

    @Override
    public void delete(Object key) {
      refuse((String) key);
      calls.add("delete " + key);
    }

    @Override
    public void deleteAll(Collection<?> keys) {
      for (var it = keys.iterator(); it.hasNext(); ) {
        Object key = it.next();
        if (!((String) key).startsWith("bad")) {
          calls.add("delete " + key);
          it.remove();
        }
      }
      if (!keys.isEmpty()) {
        throw failure;
      }
    }

    private void refuse(String key) {
      if (key.startsWith("bad")) {
        throw failure;
      }
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private final RecordingWriter writer = new RecordingWriter();
  private final WriterAdapter<String, String> adapter = new WriterAdapter<>(writer);

  private static List<Cache.Entry<? extends String, ? extends String>> entries(String... keys) {
    List<Cache.Entry<? extends String, ? extends String>> entries = new ArrayList<>();
    for (String key : keys) {
      entries.add(new EntryImpl<>(key, "v" + key));
    }
    return entries;
  }

  @Test
  void write_acceptedEntry_reachesTheWriterAsAnEntry() {
    adapter.write("k", "v");
    assertEquals(List.of("write k=v"), writer.calls);
  }

  @Test
  void write_writerThrowsRuntimeException_wrapsInCacheWriterExceptionKeepingTheCause() {
    CacheWriterException e =
        assertThrows(CacheWriterException.class, () -> adapter.write("bad", "v"));
    assertSame(writer.failure, e.getCause());
    assertTrue(e.getMessage().contains("bad"), e.getMessage());
  }

  @Test
  void write_writerThrowsCacheWriterException_passesItThrough() {
    writer.failure = new CacheWriterException("own");
    assertSame(
        writer.failure, assertThrows(CacheWriterException.class, () -> adapter.write("bad", "v")));
  }

  @Test
  void write_writerThrowsOtherCacheException_wrapsIt() {
    writer.failure = new CacheException("generic");
    assertSame(
        writer.failure,
        assertThrows(CacheWriterException.class, () -> adapter.write("bad", "v")).getCause());
  }

  @Test
  void writeAll_allAccepted_returnsNullAndEmptiesTheCollection() {
    var entries = entries("a", "b");
    assertNull(adapter.writeAll(entries));
    assertTrue(entries.isEmpty());
    assertEquals(List.of("write a=va", "write b=vb"), writer.calls);
  }

  @Test
  void writeAll_partialFailure_returnsWrappedExceptionAndLeavesExactlyTheFailedEntries() {
    var entries = entries("a", "bad1", "b", "bad2");
    CacheException e = adapter.writeAll(entries);
    assertTrue(e instanceof CacheWriterException, String.valueOf(e));
    assertSame(writer.failure, e.getCause());
    assertEquals(List.of("bad1", "bad2"), entries.stream().map(Cache.Entry::getKey).toList());
  }

  @Test
  void writeAll_writerThrowsCacheWriterException_returnsItAsIs() {
    writer.failure = new CacheWriterException("own");
    assertSame(writer.failure, adapter.writeAll(entries("bad")));
  }

  @Test
  void delete_writerThrows_wrapsKeepingTheCause() {
    adapter.delete("k");
    assertEquals(List.of("delete k"), writer.calls);
    CacheWriterException e = assertThrows(CacheWriterException.class, () -> adapter.delete("bad"));
    assertSame(writer.failure, e.getCause());
  }

  @Test
  void deleteAll_partialFailure_leavesExactlyTheFailedKeys() {
    List<String> keys = new ArrayList<>(List.of("bad1", "a", "b"));
    CacheException e = adapter.deleteAll(keys);
    assertTrue(e instanceof CacheWriterException, String.valueOf(e));
    assertEquals(List.of("bad1"), keys);
    assertEquals(List.of("delete a", "delete b"), writer.calls);
  }

  @Test
  void deleteAll_allDeleted_returnsNull() {
    List<String> keys = new ArrayList<>(List.of("a"));
    assertNull(adapter.deleteAll(keys));
    assertTrue(keys.isEmpty());
  }

  @Test
  void close_closeableWriter_closesIt() throws Exception {
    assertFalse(writer.closed);
    adapter.close();
    assertTrue(writer.closed);
  }
}

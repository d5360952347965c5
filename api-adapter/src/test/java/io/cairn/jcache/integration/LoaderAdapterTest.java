package io.cairn.jcache.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.cache.CacheException;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;
import org.junit.jupiter.api.Test;

class LoaderAdapterTest {

  /** Loads what {@link #values} holds, throws {@link #failure} if set, and records its calls. */
  static final class ScriptedLoader implements CacheLoader<String, String>, Closeable {
    final Map<String, String> values = new HashMap<>();
    final List<String> calls = new ArrayList<>();
    RuntimeException failure;
    Map<String, String> bulkAnswer;
    boolean closed;

    @Override
    public String load(String key) {
      calls.add("load " + key);
      if (failure != null) {
        throw failure;
      }
      return values.get(key);
    }

    @Override
    public Map<String, String> loadAll(Iterable<? extends String> keys) {
      calls.add("loadAll " + keys);
      if (failure != null) {
        throw failure;
      }
      if (bulkAnswer != null || values.isEmpty()) {
        return bulkAnswer;
      }
      Map<String, String> loaded = new HashMap<>();
      keys.forEach(k -> loaded.put(k, values.get(k)));
      return loaded;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private final ScriptedLoader loader = new ScriptedLoader();
  private final LoaderAdapter<String, String> adapter = new LoaderAdapter<>(loader);

  @Test
  void load_knownKey_returnsTheLoadersValue() {
    loader.values.put("k", "v");
    assertEquals("v", adapter.load("k"));
    assertEquals(List.of("load k"), loader.calls);
  }

  @Test
  void load_unknownKey_returnsNull() {
    assertNull(adapter.load("absent"));
  }

  @Test
  void load_loaderThrowsCacheLoaderException_passesItThroughUnwrapped() {
    CacheLoaderException thrown = new CacheLoaderException("db down");
    loader.failure = thrown;
    assertSame(thrown, assertThrows(CacheLoaderException.class, () -> adapter.load("k")));
  }

  @Test
  void load_loaderThrowsOtherCacheException_wrapsItKeepingTheCause() {
    CacheException thrown = new CacheException("not a loader exception");
    loader.failure = thrown;
    CacheLoaderException e = assertThrows(CacheLoaderException.class, () -> adapter.load("k"));
    assertSame(thrown, e.getCause());
    assertTrue(e.getMessage().contains("k"), e.getMessage());
  }

  @Test
  void load_loaderThrowsRuntimeException_wrapsItKeepingTheCause() {
    IllegalStateException thrown = new IllegalStateException("boom");
    loader.failure = thrown;
    assertSame(
        thrown, assertThrows(CacheLoaderException.class, () -> adapter.load("k")).getCause());
  }

  @Test
  void loadAll_loaderReturnsNull_returnsAnEmptyMap() {
    assertEquals(Map.of(), adapter.loadAll(List.of("a", "b")));
    assertEquals(List.of("loadAll [a, b]"), loader.calls);
  }

  @Test
  void loadAll_someKeysUnknown_returnsTheLoadersMapAsIs() {
    loader.values.put("a", "1");
    Map<String, String> loaded = adapter.loadAll(List.of("a", "b"));
    assertEquals("1", loaded.get("a"));
    assertTrue(loaded.containsKey("b"));
    assertNull(loaded.get("b"));
  }

  @Test
  void loadAll_loaderThrows_wrapsInCacheLoaderExceptionOrPassesOneThrough() {
    IllegalArgumentException thrown = new IllegalArgumentException("bad keys");
    loader.failure = thrown;
    assertSame(
        thrown,
        assertThrows(CacheLoaderException.class, () -> adapter.loadAll(List.of("a"))).getCause());
    CacheLoaderException own = new CacheLoaderException("own");
    loader.failure = own;
    assertSame(own, assertThrows(CacheLoaderException.class, () -> adapter.loadAll(List.of("a"))));
  }

  @Test
  void close_closeableLoader_closesIt() throws Exception {
    adapter.close();
    assertTrue(loader.closed);
  }

  @Test
  void close_plainLoader_doesNothing() throws Exception {
    CacheLoader<String, String> plain =
        new CacheLoader<>() {
          @Override
          public String load(String key) {
            return key;
          }

          @Override
          public Map<String, String> loadAll(Iterable<? extends String> keys) {
            return Map.of();
          }
        };
    LoaderAdapter<String, String> plainAdapter = new LoaderAdapter<>(plain);
    plainAdapter.close();
    assertEquals("x", plainAdapter.load("x"));
  }
}

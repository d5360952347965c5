package io.cairn.jcache.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.jcache.CacheManagerFixture;
import io.cairn.jcache.CompletionFuture;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;
import org.junit.jupiter.api.Test;

/** Failing loaders and writers: their exceptions are translated and the cache stays unchanged. */
class LoaderWriterFailureTest extends CacheManagerFixture {

  /** Fails for every key. */
  public static final class FailingLoader implements CacheLoader<String, String> {
    @Override
    public String load(String key) {
      throw new UnsupportedOperationException("no load for " + key);
    }

    @Override
    public Map<String, String> loadAll(Iterable<? extends String> keys) {
      throw new CacheException("no loadAll");
    }
  }

  /** Writes keys starting with "ok"; refuses the others (after writing the good ones). */
  public static final class PickyWriter implements CacheWriter<String, String> {
    @Override
    public void write(Cache.Entry<? extends String, ? extends String> entry) {
      if (!entry.getKey().startsWith("ok")) {
        throw new IllegalArgumentException("refused " + entry.getKey());
      }
    }

    @Override
    public void writeAll(
        java.util.Collection<Cache.Entry<? extends String, ? extends String>> all) {
      all.removeIf(e -> e.getKey().startsWith("ok"));
      if (!all.isEmpty()) {
        throw new IllegalArgumentException("refused " + all.size());
      }
    }

    @Override
    public void delete(Object key) {
      if (!((String) key).startsWith("ok")) {
        throw new IllegalArgumentException("refused " + key);
      }
    }

    @Override
    public void deleteAll(java.util.Collection<?> keys) {
      keys.removeIf(k -> ((String) k).startsWith("ok"));
      if (!keys.isEmpty()) {
        throw new IllegalArgumentException("refused " + keys.size());
      }
    }
  }

  private Cache<String, String> cache(MutableConfiguration<String, String> configuration) {
    return manager.createCache("c", configuration.setTypes(String.class, String.class));
  }

  @Test
  void get_failingLoader_throwsCacheLoaderException() {
    Cache<String, String> cache =
        cache(
            new MutableConfiguration<String, String>()
                .setReadThrough(true)
                .setCacheLoaderFactory(FactoryBuilder.factoryOf(FailingLoader.class)));
    CacheLoaderException e = assertThrows(CacheLoaderException.class, () -> cache.get("k"));
    assertInstanceOf(UnsupportedOperationException.class, e.getCause());
    assertThrows(CacheLoaderException.class, () -> cache.getAll(Set.of("k")));
    assertFalse(cache.containsKey("k"));
  }

  @Test
  void loadAll_failingLoader_reportsCacheLoaderExceptionToListener() throws Exception {
    Cache<String, String> cache =
        cache(
            new MutableConfiguration<String, String>()
                .setCacheLoaderFactory(FactoryBuilder.factoryOf(FailingLoader.class)));
    CompletionFuture outcome = new CompletionFuture();
    cache.loadAll(Set.of("k"), false, outcome);
    assertInstanceOf(CacheLoaderException.class, outcome.await());
  }

  @Test
  void put_failingWriter_throwsCacheWriterExceptionAndLeavesCacheUnchanged() {
    Cache<String, String> cache =
        cache(
            new MutableConfiguration<String, String>()
                .setWriteThrough(true)
                .setCacheWriterFactory(FactoryBuilder.factoryOf(PickyWriter.class)));
    cache.put("ok1", "v");
    CacheWriterException e = assertThrows(CacheWriterException.class, () -> cache.put("bad", "v"));
    assertInstanceOf(IllegalArgumentException.class, e.getCause());
    assertFalse(cache.containsKey("bad"));
    assertThrows(
        CacheWriterException.class,
        () ->
            cache.invoke(
                "bad",
                (entry, args) -> {
                  entry.setValue("v");
                  return null;
                }));
    assertFalse(cache.containsKey("bad"));
    assertEquals("v", cache.get("ok1"));
  }

  @Test
  void putAll_partiallyFailingWriter_storesOnlyWhatWasWritten() {
    Cache<String, String> cache =
        cache(
            new MutableConfiguration<String, String>()
                .setWriteThrough(true)
                .setCacheWriterFactory(FactoryBuilder.factoryOf(PickyWriter.class)));
    Map<String, String> map = new HashMap<>();
    map.put("ok1", "1");
    map.put("ok2", "2");
    map.put("bad", "3");
    assertThrows(CacheWriterException.class, () -> cache.putAll(map));
    assertEquals("1", cache.get("ok1"));
    assertEquals("2", cache.get("ok2"));
    assertNull(cache.get("bad"));
  }

  @Test
  void removeAll_partiallyFailingWriter_removesOnlyWhatWasDeleted() {
    Cache<String, String> cache =
        cache(
            new MutableConfiguration<String, String>()
                .setWriteThrough(true)
                .setCacheWriterFactory(FactoryBuilder.factoryOf(PickyWriter.class)));
    cache.put("ok1", "1");
    cache.put("ok2", "2");
    assertThrows(CacheWriterException.class, () -> cache.removeAll(Set.of("ok1", "bad")));
    assertFalse(cache.containsKey("ok1"));
    assertTrue(cache.containsKey("ok2"));
  }

  @Test
  void invoke_throwingProcessor_wrapsInEntryProcessorExceptionAndChangesNothing()
      throws ExecutionException {
    Cache<String, String> cache = cache(new MutableConfiguration<>());
    cache.put("k", "v");
    var e =
        assertThrows(
            javax.cache.processor.EntryProcessorException.class,
            () ->
                cache.invoke(
                    "k",
                    (entry, args) -> {
                      entry.setValue("changed");
                      throw new IllegalStateException("processor fails");
                    }));
    assertInstanceOf(IllegalStateException.class, e.getCause());
    assertEquals("v", cache.get("k"));
  }
}

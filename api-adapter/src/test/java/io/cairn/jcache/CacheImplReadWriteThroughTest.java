package io.cairn.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.cache.Cache;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Read-through and write-through: who is called, with what, in which order, and on failure. */
class CacheImplReadWriteThroughTest extends CacheManagerFixture {

  /** Loads from {@link #source}; records calls; throws {@link #failure} if set. */
  static final class Loader implements CacheLoader<String, String>, Serializable {
    private static final long serialVersionUID = 1L;
    final ConcurrentHashMap<String, String> source = new ConcurrentHashMap<>();
    final CopyOnWriteArrayList<String> calls = new CopyOnWriteArrayList<>();
    volatile RuntimeException failure;
    volatile String unasked;

    @Override
    public String load(String key) {
      calls.add("load " + key);
      if (failure != null) {
        throw failure;
      }
      return source.get(key);
    }

    @Override
    public Map<String, String> loadAll(Iterable<? extends String> keys) {
      Set<String> asked = new LinkedHashSet<>();
      keys.forEach(asked::add);
      calls.add("loadAll " + asked);
      if (failure != null) {
        throw failure;
      }
      Map<String, String> loaded = new LinkedHashMap<>();
      for (String key : asked) {
        loaded.put(key, source.get(key)); // null for what the source lacks
      }
      if (unasked != null) {
        loaded.put(unasked, "prefetched"); // a loader may return more than it was asked for
      }
      return loaded;
    }
  }

  /**
   * Records writes and deletes, and with each the number of events the listener had heard by then;
   * refuses keys starting with "bad" (bulk calls write the others first, removing them).
   */
  static final class Writer implements CacheWriter<String, String>, Serializable {
    private static final long serialVersionUID = 1L;
    final CopyOnWriteArrayList<String> calls = new CopyOnWriteArrayList<>();
    final RecordingListener<String, String> listener;
    volatile RuntimeException failure = new IllegalArgumentException("refused");
    volatile boolean refusing = true;

    Writer(RecordingListener<String, String> listener) {
      this.listener = listener;
    }

    private void call(String what, Object key) {
      if (refusing && ((String) key).startsWith("bad")) {
        throw failure;
      }
      calls.add(what + " after " + listener.heard.size() + " events");
    }

    @Override
    public void write(Cache.Entry<? extends String, ? extends String> entry) {
      call("write " + entry.getKey() + "=" + entry.getValue(), entry.getKey());
    }

    @Override
    public void writeAll(Collection<Cache.Entry<? extends String, ? extends String>> entries) {
      for (Iterator<Cache.Entry<? extends String, ? extends String>> it = entries.iterator();
          it.hasNext(); ) {
        Cache.Entry<? extends String, ? extends String> entry = it.next();
        if (!entry.getKey().startsWith("bad")) {
          write(entry);
          it.remove();
        }
      }
      if (!entries.isEmpty()) {
        throw failure;
      }
    }

    @Override
    public void delete(Object key) {
      call("delete " + key, key);
    }

    @Override
    public void deleteAll(Collection<?> keys) {
      for (Iterator<?> it = keys.iterator(); it.hasNext(); ) {
        Object key = it.next();
        if (!((String) key).startsWith("bad")) {
          delete(key);
          it.remove();
        }
      }
      if (!keys.isEmpty()) {
        throw failure;
      }
    }
  }

  private final RecordingListener<String, String> listener = new RecordingListener<>();
  private final Loader loader = new Loader();
  private final Writer writer = new Writer(listener);
  private Cache<String, String> cache;

  @BeforeEach
  void createCache() {
    cache = cache(c -> {});
  }

  private Cache<String, String> cache(Consumer<MutableConfiguration<String, String>> tweak) {
    MutableConfiguration<String, String> configuration =
        new MutableConfiguration<String, String>()
            .setTypes(String.class, String.class)
            .setReadThrough(true)
            .setWriteThrough(true)
            .setCacheLoaderFactory(FactoryBuilder.factoryOf(loader))
            .setCacheWriterFactory(FactoryBuilder.factoryOf(writer))
            .addCacheEntryListenerConfiguration(
                new MutableCacheEntryListenerConfiguration<>(
                    FactoryBuilder.factoryOf(listener), null, true, true));
    tweak.accept(configuration);
    String name = "rw" + manager.getCacheNames().spliterator().estimateSize();
    return manager.createCache(name, configuration);
  }

  /** Puts with the writer accepting anything, then forgets the writer's calls and the events. */
  private void seed(String key, String value) {
    writer.refusing = false;
    cache.put(key, value);
    writer.refusing = true;
    writer.calls.clear();
    listener.heard.clear();
  }

  private void assertUnchanged(String key, String expected) {
    assertEquals(expected, cache.get(key));
  }

  // --- write-through: the writer before the store ---------------------------------------------

  @Test
  void put_writeThrough_callsTheWriterBeforeTheChangeIsAnnounced() {
    cache.put("k", "v");
    cache.put("k", "w");
    assertEquals(List.of("write k=v after 0 events", "write k=w after 1 events"), writer.calls);
    assertEquals(List.of("CREATED k v null", "UPDATED k w v"), listener.heard);
  }

  @Test
  void everyWritingOperation_failingWriter_throwsWriterExceptionAndLeavesTheEntry() {
    seed("bad", "old");
    List<Runnable> operations =
        List.of(
            () -> cache.put("bad", "new"),
            () -> cache.getAndPut("bad", "new"),
            () -> cache.replace("bad", "new"),
            () -> cache.replace("bad", "old", "new"),
            () -> cache.getAndReplace("bad", "new"),
            () -> cache.remove("bad"),
            () -> cache.remove("bad", "old"),
            () -> cache.getAndRemove("bad"),
            () -> cache.putAll(Map.of("bad", "new")),
            () -> cache.removeAll(Set.of("bad")),
            () -> cache.removeAll(),
            () ->
                cache.invoke(
                    "bad",
                    (entry, args) -> {
                      entry.setValue("new");
                      return null;
                    }),
            () ->
                cache.invoke(
                    "bad",
                    (entry, args) -> {
                      entry.remove();
                      return null;
                    }));
    for (int i = 0; i < operations.size(); i++) {
      Runnable operation = operations.get(i);
      CacheWriterException e = assertThrows(CacheWriterException.class, operation::run, "#" + i);
      assertSame(writer.failure, e.getCause(), "#" + i + ": the writer's exception is the cause");
      assertUnchanged("bad", "old");
      assertEquals(List.of(), listener.heard, "#" + i + ": nothing announced");
    }
  }

  @Test
  void putIfAbsent_failingWriter_throwsAndStoresNothing() {
    CacheWriterException e =
        assertThrows(CacheWriterException.class, () -> cache.putIfAbsent("bad", "v"));
    assertSame(writer.failure, e.getCause());
    assertFalse(cache.containsKey("bad"));
  }

  @Test
  void iteratorRemove_failingWriter_throwsAndKeepsTheEntry() {
    seed("bad", "old");
    Iterator<Cache.Entry<String, String>> it = cache.iterator();
    assertEquals("bad", it.next().getKey());
    assertThrows(CacheWriterException.class, it::remove);
    assertUnchanged("bad", "old");
  }

  @Test
  void failingWriter_cacheWriterException_reachesTheCallerItself() {
    writer.failure = new CacheWriterException("own");
    assertSame(
        writer.failure, assertThrows(CacheWriterException.class, () -> cache.put("bad", "v")));
  }

  @Test
  void conditionalOperations_conditionFails_doNotCallTheWriter() {
    seed("k", "v");
    assertFalse(cache.putIfAbsent("k", "other"));
    assertFalse(cache.replace("absent", "x"));
    assertFalse(cache.replace("k", "wrong", "x"));
    assertNull(cache.getAndReplace("absent", "x"));
    assertFalse(cache.remove("k", "wrong"));
    assertEquals(List.of(), writer.calls);
    assertUnchanged("k", "v");
  }

  @Test
  void remove_absentKey_stillDeletesThroughTheWriter() {
    assertFalse(cache.remove("absent"));
    assertNull(cache.getAndRemove("gone"));
    assertEquals(
        List.of("delete absent after 0 events", "delete gone after 0 events"), writer.calls);
  }

  @Test
  void putAll_partialFailure_storesExactlyTheWrittenEntriesAndThrowsTheWritersCause() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("a", "1");
    map.put("bad1", "2");
    map.put("b", "3");
    map.put("bad2", "4");
    CacheWriterException e = assertThrows(CacheWriterException.class, () -> cache.putAll(map));
    assertSame(writer.failure, e.getCause());
    assertEquals("1", cache.get("a"));
    assertEquals("3", cache.get("b"));
    assertFalse(cache.containsKey("bad1"));
    assertFalse(cache.containsKey("bad2"));
    assertEquals(List.of("CREATED a 1 null", "CREATED b 3 null"), listener.heard);
    assertEquals(4, map.size(), "the caller's map is left alone");
  }

  @Test
  void putAll_writerFailsBeforeWritingAny_storesNothing() {
    writer.failure = new IllegalStateException("down");
    CacheWriterException e =
        assertThrows(
            CacheWriterException.class, () -> cache.putAll(Map.of("bad1", "1", "bad2", "2")));
    assertSame(writer.failure, e.getCause());
    assertFalse(cache.containsKey("bad1"));
    assertFalse(cache.containsKey("bad2"));
  }

  @Test
  void putAll_allWritten_writesEachOnceBeforeAnyIsAnnounced() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("a", "1");
    map.put("b", "2");
    cache.putAll(map);
    assertEquals(List.of("write a=1 after 0 events", "write b=2 after 0 events"), writer.calls);
    assertEquals(2, listener.heard.size());
  }

  @Test
  void removeAll_partialFailure_removesExactlyTheDeletedKeys() {
    seed("a", "1");
    seed("bad", "2");
    seed("b", "3");
    assertThrows(CacheWriterException.class, () -> cache.removeAll(Set.of("a", "bad", "b")));
    assertFalse(cache.containsKey("a"));
    assertFalse(cache.containsKey("b"));
    assertUnchanged("bad", "2");
    assertEquals(2, listener.heard.stream().filter(s -> s.startsWith("REMOVED")).count());
  }

  @Test
  void removeAll_noKeys_deletesEveryEntryThroughTheWriter() {
    seed("a", "1");
    seed("b", "2");
    cache.removeAll();
    assertEquals(
        Set.of("delete a after 0 events", "delete b after 0 events"), Set.copyOf(writer.calls));
    assertFalse(cache.iterator().hasNext());
  }

  @Test
  void clear_withWriter_neitherDeletesThroughTheWriterNorAnnounces() {
    seed("a", "1");
    cache.clear();
    assertEquals(List.of(), writer.calls);
    assertEquals(List.of(), listener.heard);
    assertFalse(cache.containsKey("a"));
  }

  @Test
  void put_writeThroughDisabled_neverCallsTheWriter() {
    Cache<String, String> plain = cache(c -> c.setWriteThrough(false));
    plain.put("k", "v");
    plain.remove("k");
    plain.putAll(Map.of("bad", "x"));
    assertEquals(List.of(), writer.calls);
    assertEquals("x", plain.get("bad"));
  }

  // --- read-through ---------------------------------------------------------------------------

  @Test
  void get_missWithReadThrough_loadsStoresAndAnnouncesCreationWithoutWriting() {
    loader.source.put("k", "loaded");
    assertEquals("loaded", cache.get("k"));
    assertTrue(cache.containsKey("k"));
    assertEquals(List.of("load k"), loader.calls);
    assertEquals(List.of("CREATED k loaded null"), listener.heard);
    assertEquals(List.of(), writer.calls, "a load is not written through");
  }

  /** Puts "racer" into {@link #target} while loading, as a concurrent writer would. */
  public static final class RacingLoader implements CacheLoader<String, String>, Serializable {
    private static final long serialVersionUID = 1L;
    static volatile Cache<String, String> target;

    @Override
    public String load(String key) {
      target.put(key, "racer");
      return "loaded";
    }

    @Override
    public Map<String, String> loadAll(Iterable<? extends String> keys) {
      Map<String, String> loaded = new LinkedHashMap<>();
      keys.forEach(k -> loaded.put(k, load(k)));
      return loaded;
    }
  }

  @Test
  void get_valuePutWhileLoading_keepsAndReturnsThePutValue() {
    Cache<String, String> racing =
        cache(c -> c.setCacheLoaderFactory(FactoryBuilder.factoryOf(RacingLoader.class)));
    RacingLoader.target = racing;
    try {
      assertEquals("racer", racing.get("k"));
      assertEquals("racer", racing.getAll(Set.of("j")).get("j"));
      assertEquals("racer", racing.get("j"));
      assertEquals(List.of("CREATED k racer null", "CREATED j racer null"), listener.heard);
    } finally {
      RacingLoader.target = null;
    }
  }

  @Test
  void get_hit_doesNotCallTheLoader() {
    seed("k", "v");
    loader.source.put("k", "other");
    assertEquals("v", cache.get("k"));
    assertEquals(List.of(), loader.calls);
  }

  @Test
  void get_loaderReturnsNull_returnsNullAndStoresNothing() {
    assertNull(cache.get("k"));
    assertFalse(cache.containsKey("k"));
    assertEquals(List.of(), listener.heard);
    assertNull(cache.get("k"));
    assertEquals(List.of("load k", "load k"), loader.calls, "a null is not cached");
  }

  @Test
  void get_readThroughDisabled_neverCallsTheLoader() {
    Cache<String, String> plain = cache(c -> c.setReadThrough(false));
    loader.source.put("k", "loaded");
    assertNull(plain.get("k"));
    assertEquals(Map.of(), plain.getAll(Set.of("k")));
    assertEquals(List.of(), loader.calls);
  }

  @Test
  void get_loaderThrowsCacheLoaderException_passesItThrough() {
    loader.failure = new CacheLoaderException("own");
    assertSame(loader.failure, assertThrows(CacheLoaderException.class, () -> cache.get("k")));
  }

  @Test
  void getAll_someMissing_loadsOnlyTheMissingKeysAndSkipsNulls() {
    seed("a", "1");
    loader.source.put("b", "2");
    Map<String, String> all = cache.getAll(new LinkedHashSet<>(List.of("a", "b", "c")));
    assertEquals(Map.of("a", "1", "b", "2"), all);
    assertEquals(List.of("loadAll [b, c]"), loader.calls);
    assertTrue(cache.containsKey("b"));
    assertFalse(cache.containsKey("c"));
    assertEquals(List.of("CREATED b 2 null"), listener.heard);
  }

  @Test
  void getAll_loaderReturnsUnaskedKeys_returnsAndStoresOnlyTheAskedOnes() {
    loader.source.put("b", "2");
    loader.unasked = "z";
    assertEquals(Map.of("b", "2"), cache.getAll(Set.of("b")));
    assertFalse(cache.containsKey("z"));
    assertEquals(List.of("CREATED b 2 null"), listener.heard);
  }

  @Test
  void getAll_allPresent_doesNotCallTheLoader() {
    seed("a", "1");
    assertEquals(Map.of("a", "1"), cache.getAll(Set.of("a")));
    assertEquals(List.of(), loader.calls);
  }

  @Test
  void getAll_failingLoader_throwsLoaderExceptionWithTheCause() {
    loader.failure = new IllegalStateException("db down");
    CacheLoaderException e =
        assertThrows(CacheLoaderException.class, () -> cache.getAll(Set.of("x")));
    assertSame(loader.failure, e.getCause());
  }

  // --- loadAll --------------------------------------------------------------------------------

  @Test
  void loadAll_keepExisting_loadsOnlyAbsentKeysAndCompletes() throws Exception {
    seed("a", "old");
    loader.source.put("a", "new");
    loader.source.put("b", "2");
    CompletionFuture completion = new CompletionFuture();
    cache.loadAll(new LinkedHashSet<>(List.of("a", "b", "c")), false, completion);
    assertNull(completion.await());
    assertEquals(List.of("loadAll [b, c]"), loader.calls);
    assertEquals("old", cache.get("a"));
    assertEquals("2", cache.get("b"));
    assertFalse(cache.containsKey("c"));
    assertEquals(List.of("CREATED b 2 null"), listener.heard);
    assertEquals(List.of(), writer.calls, "loads are not written through");
  }

  @Test
  void loadAll_replaceExisting_reloadsEveryKeyAndAnnouncesUpdates() throws Exception {
    seed("a", "old");
    loader.source.put("a", "new");
    loader.source.put("b", "2");
    CompletionFuture completion = new CompletionFuture();
    cache.loadAll(new LinkedHashSet<>(List.of("a", "b")), true, completion);
    assertNull(completion.await());
    assertEquals(List.of("loadAll [a, b]"), loader.calls);
    assertEquals("new", cache.get("a"));
    assertEquals("2", cache.get("b"));
    assertEquals(List.of("UPDATED a new old", "CREATED b 2 null"), listener.heard);
  }

  @Test
  void loadAll_failingLoader_reportsLoaderExceptionWithTheCauseAndChangesNothing()
      throws Exception {
    seed("a", "old");
    loader.failure = new IllegalStateException("db down");
    CompletionFuture completion = new CompletionFuture();
    cache.loadAll(Set.of("a", "b"), true, completion);
    Exception e = completion.await();
    assertInstanceOf(CacheLoaderException.class, e);
    assertSame(loader.failure, e.getCause());
    assertEquals("old", cache.get("a"));
    assertFalse(cache.containsKey("b"));
  }

  @Test
  void loadAll_readThroughDisabled_stillLoads() throws Exception {
    Cache<String, String> plain = cache(c -> c.setReadThrough(false));
    loader.source.put("k", "v");
    CompletionFuture completion = new CompletionFuture();
    plain.loadAll(Set.of("k"), false, completion);
    assertNull(completion.await());
    assertEquals("v", plain.get("k"));
  }

  @Test
  void loadAll_noLoader_completesAtOnce() throws Exception {
    Cache<String, String> plain = cache(c -> c.setCacheLoaderFactory(null));
    CompletionFuture completion = new CompletionFuture();
    plain.loadAll(Set.of("k"), true, completion);
    assertTrue(completion.isDone(), "completed on the caller's thread");
    assertNull(completion.await());
  }

  @Test
  void loadAll_allPresentWithoutReplace_completesWithoutCallingTheLoader() throws Exception {
    seed("a", "1");
    CompletionFuture completion = new CompletionFuture();
    cache.loadAll(Set.of("a"), false, completion);
    assertNull(completion.await());
    assertEquals(List.of(), loader.calls);
  }

  @Test
  void loadAll_nullKey_throwsNullPointerException() {
    Set<String> keys = new LinkedHashSet<>();
    keys.add(null);
    assertThrows(NullPointerException.class, () -> cache.loadAll(keys, false, null));
  }

  // --- invoke ---------------------------------------------------------------------------------

  @Test
  void invoke_readsAbsentEntry_loadsAndStoresWithoutWriting() {
    loader.source.put("k", "loaded");
    assertEquals("loaded", cache.invoke("k", (entry, args) -> entry.getValue()));
    assertEquals(List.of("load k"), loader.calls);
    assertEquals("loaded", cache.get("k"));
    assertEquals(List.of(), writer.calls);
    assertEquals(List.of("CREATED k loaded null"), listener.heard);
  }

  @Test
  void invoke_doesNotRead_neverLoads() {
    loader.source.put("k", "loaded");
    Boolean exists = cache.invoke("k", (entry, args) -> entry.exists());
    assertFalse(exists);
    assertEquals(List.of(), loader.calls);
    assertFalse(cache.containsKey("k"));
  }

  @Test
  void invoke_loadsThenSets_writesTheNewValueOnly() {
    loader.source.put("k", "loaded");
    cache.invoke(
        "k",
        (entry, args) -> {
          entry.getValue();
          entry.setValue("set");
          return null;
        });
    assertEquals(List.of("write k=set after 0 events"), writer.calls);
    assertEquals("set", cache.get("k"));
    assertEquals(List.of("CREATED k set null"), listener.heard);
  }

  @Test
  void invoke_loadsThenRemoves_storesNothingAndDoesNotDelete() {
    loader.source.put("k", "loaded");
    cache.invoke(
        "k",
        (entry, args) -> {
          entry.getValue();
          entry.remove();
          return null;
        });
    assertFalse(cache.containsKey("k"));
    assertEquals(List.of(), writer.calls);
    assertEquals(List.of(), listener.heard);
  }

  @Test
  void invoke_setsValueOnExistingEntry_writesThroughThenAnnouncesUpdate() {
    seed("k", "old");
    cache.invoke(
        "k",
        (entry, args) -> {
          entry.setValue(entry.getValue() + "+" + args[0]);
          return null;
        },
        "x");
    assertEquals(List.of("write k=old+x after 0 events"), writer.calls);
    assertEquals(List.of("UPDATED k old+x old"), listener.heard);
  }

  @Test
  void invoke_removesExistingEntry_deletesThroughTheWriter() {
    seed("k", "old");
    cache.invoke(
        "k",
        (entry, args) -> {
          entry.remove();
          return null;
        });
    assertEquals(List.of("delete k after 0 events"), writer.calls);
    assertEquals(List.of("REMOVED k old old"), listener.heard);
    assertFalse(cache.containsKey("k"));
  }

  @Test
  void invoke_failingLoader_throwsLoaderExceptionAndStoresNothing() {
    loader.failure = new IllegalStateException("db down");
    CacheLoaderException e =
        assertThrows(
            CacheLoaderException.class, () -> cache.invoke("k", (entry, args) -> entry.getValue()));
    assertSame(loader.failure, e.getCause());
    assertFalse(cache.containsKey("k"));
  }

  @Test
  void invokeAll_failingWriterForOneKey_reportsItInThatKeysResultOnly() {
    Map<String, javax.cache.processor.EntryProcessorResult<String>> results =
        cache.invokeAll(
            new LinkedHashSet<>(List.of("a", "bad")),
            (entry, args) -> {
              entry.setValue("v");
              return "ok";
            });
    assertEquals("ok", results.get("a").get());
    var e =
        assertThrows(
            javax.cache.processor.EntryProcessorException.class, () -> results.get("bad").get());
    assertInstanceOf(CacheWriterException.class, e.getCause());
    assertTrue(cache.containsKey("a"));
    assertFalse(cache.containsKey("bad"));
  }
}

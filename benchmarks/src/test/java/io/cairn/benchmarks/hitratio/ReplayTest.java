package io.cairn.benchmarks.hitratio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.EvictionPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayTest {

  @TempDir Path dir;

  @Test
  void run_tinyTrace_everyCacheSeesEveryRequest() throws IOException {
    Path file = dir.resolve("lirs__tiny.trace");
    Files.writeString(file, "1\n2\n1\n3\n1\n2\n");
    Trace trace = new Trace("tiny", file, TraceFormat.LIRS, List.of(2));
    List<CacheFactory> caches =
        List.of(
            new CacheFactory("LRU", false, LruCache::new),
            new CacheFactory(
                "FIFO",
                true,
                size -> new EngineCache(EvictionPolicy.FIFO, EngineGeometry.forEntries(100))));

    List<Result> results = Replay.run(trace, 2, caches);

    Result lru = results.get(0);
    assertEquals("LRU", lru.policy());
    assertEquals(6, lru.requests());
    assertEquals(2, lru.hits()); // 1 hits twice; 2 was evicted by 3
    assertEquals(2, lru.entries());
    assertTrue(lru.engine().isEmpty());
    Result fifo = results.get(1);
    assertEquals("FIFO", fifo.policy());
    assertEquals(3, fifo.hits()); // 100 entries: only the first request of each key misses
    assertEquals(3, fifo.engine().orElseThrow().storeHits());
    assertEquals(List.of(), fifo.problems());
  }

  @Test
  void run_cacheThatThrows_isDroppedAndItsResultSaysWhy() throws IOException {
    Path file = dir.resolve("lirs__tiny.trace");
    Files.writeString(file, "1\n2\n3\n");
    Trace trace = new Trace("tiny", file, TraceFormat.LIRS, List.of(2));
    CacheFactory failing =
        new CacheFactory(
            "failing",
            false,
            size ->
                new SimulatedCache() {
                  @Override
                  public String name() {
                    return "failing";
                  }

                  @Override
                  public boolean access(long key) {
                    if (key == 2) {
                      throw new IllegalStateException("boom");
                    }
                    return false;
                  }

                  @Override
                  public long entries() {
                    return 0;
                  }
                });

    Result result = Replay.run(trace, 2, List.of(failing)).get(0);

    assertEquals(2, result.requests());
    assertEquals("request 2 (key 2): java.lang.IllegalStateException: boom", result.failure());
    assertTrue(Double.isNaN(result.hitRatio()));
  }
}

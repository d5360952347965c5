package io.cairn.jcache;

import io.cairn.jcache.configuration.ManagerConfiguration;
import io.cairn.jcache.spi.CacheExtension;
import io.cairn.jcache.spi.LocalCache;
import io.cairn.jcache.spi.ManagerExtension;
import io.cairn.jcache.spi.ManagerExtensionFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.cache.CacheException;

/**
 * A test extension, found by the service loader in the test class path: it attaches to managers
 * whose file has {@code cairn.cluster.recorder}, and records what each cache reports in {@link
 * #RECORDS} under the recorder's name and the cache's name. A write of a key whose bytes end in
 * {@link #FAILING} fails, as a synchronous invalidation that timed out would.
 */
public final class RecordingExtension implements ManagerExtensionFactory {
  /** The last byte of a serialized key whose report throws. */
  static final byte FAILING = 'X';

  /** What each cache reported, by recorder and cache name ("recorder/cache"). */
  static final Map<String, Record> RECORDS = new ConcurrentHashMap<>();

  /** What one cache reported, and the cache to act on. */
  static final class Record {
    final List<byte[]> written = new CopyOnWriteArrayList<>();
    final List<Integer> batches = new CopyOnWriteArrayList<>();
    volatile int clears;
    volatile boolean closed;
    volatile LocalCache cache;
  }

  @Override
  public ManagerExtension attach(ManagerConfiguration configuration) {
    if (configuration.clusterSection() == null
        || !configuration.clusterSection().hasPath("recorder")) {
      return null;
    }
    String recorder = configuration.clusterSection().getString("recorder");
    if (recorder.equals("refuse")) {
      throw new CacheException("cairn.cluster.recorder refused");
    }
    return new ManagerExtension() {
      @Override
      public CacheExtension opened(LocalCache cache) {
        Record record = new Record();
        record.cache = cache;
        RECORDS.put(recorder + "/" + cache.name(), record);
        return new CacheExtension() {
          @Override
          public void written(List<byte[]> keys) {
            record.written.addAll(keys);
            record.batches.add(keys.size());
            byte[] last = keys.get(keys.size() - 1);
            if (last[last.length - 1] == FAILING) {
              throw new CacheException("not acknowledged");
            }
          }

          @Override
          public void cleared() {
            record.clears++;
          }

          @Override
          public void closed() {
            record.closed = true;
          }
        };
      }

      @Override
      public void close() {}
    };
  }
}

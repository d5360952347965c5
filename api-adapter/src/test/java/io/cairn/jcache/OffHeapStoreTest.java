package io.cairn.jcache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cairn.jcache.configuration.CairnConfiguration;
import javax.cache.CacheException;
import org.junit.jupiter.api.Test;

class OffHeapStoreTest extends EntryStoreContractTest {

  @Override
  protected EntryStore<String, String> open() {
    return OffHeapStore.open(
        "test",
        new CairnConfiguration<String, String>().setExpirationIntervalMillis(0),
        getClass().getClassLoader(),
        null,
        expirations);
  }

  @Test
  void compute_valueTooLargeForASegment_throwsCacheExceptionAndKeepsOldValue() {
    try (OffHeapStore<String, String> store =
        OffHeapStore.open(
            "small",
            new CairnConfiguration<String, String>()
                .setCapacityBytes(64 << 10)
                .setSegmentSize(4 << 10),
            getClass().getClassLoader(),
            null,
            expirations)) {
      store.compute(
          "k",
          slot -> {
            slot.set("small", Long.MAX_VALUE);
            return null;
          });
      String huge = "x".repeat(8 << 10);
      assertThrows(
          CacheException.class,
          () ->
              store.compute(
                  "k",
                  slot -> {
                    slot.set(huge, Long.MAX_VALUE);
                    return null;
                  }));
      assertEquals("small", store.get("k"));
    }
  }

  @Test
  void engine_holdsSerializedKeys() {
    try (OffHeapStore<String, String> store =
        OffHeapStore.open(
            "bytes", new CairnConfiguration<>(), getClass().getClassLoader(), null, expirations)) {
      store.compute(
          "k",
          slot -> {
            slot.set("v", Long.MAX_VALUE);
            return null;
          });
      byte[] key = store.bytes("k");
      assertArrayEquals(new byte[] {1, 'k'}, key); // Latin-1 tag, then the chars
      assertEquals(1, store.engine().size());
    }
  }
}

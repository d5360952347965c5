package io.cairn.jcache;

import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class HeapStoreTest extends EntryStoreContractTest {

  @Override
  protected EntryStore<String, String> open() {
    return new HeapStore<>(System::currentTimeMillis, expirations);
  }

  @Test
  void get_storedObject_isTheSameInstance() {
    HeapStore<Object, Object> store =
        new HeapStore<>(
            System::currentTimeMillis,
            new EntryStore.Expirations<>() {
              @Override
              public void expired(Object key, Object value) {}

              @Override
              public void evicted(Object key, Object value) {}
            });
    Object value = new Object();
    store.compute(
        "k",
        slot -> {
          slot.set(value, Long.MAX_VALUE);
          return null;
        });
    assertSame(value, store.get("k"));
  }
}

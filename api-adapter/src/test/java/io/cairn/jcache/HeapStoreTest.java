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
    HeapStore<Object, Object> heap = new HeapStore<>(System::currentTimeMillis, null);
    Object value = new Object();
    heap.commit(heap.key("k"), EntryStore.ABSENT, heap.value(value), Long.MAX_VALUE);
    assertSame(value, heap.get(heap.key("k")));
  }
}

package io.cairn.engine;

import static io.cairn.engine.TestBytes.bytes;
import static io.cairn.engine.TestBytes.key;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keys and values of every size, many keys in few buckets, and an index that has to grow. */
interface SizesContract extends StoreContract {

  @Test
  default void put_keysAndValuesOfManySizes_roundTrip() {
    int[] keyLengths = {1, 2, 3, 7, 8, 9, 15, 16, 17, 63, 64, 65, 255, 256, 1_000, 4_096};
    int[] valueLengths = {0, 1, 2, 7, 8, 9, 31, 32, 33, 100, 1_000, 4_095, 4_096, 4_097, 30_000};
    List<byte[]> keys = new ArrayList<>();
    for (int kl : keyLengths) {
      for (int v = 0; v < valueLengths.length; v++) {
        int vl = valueLengths[v];
        byte[] k = bytes(kl, kl * 1_000_003L + vl);
        k[0] = (byte) v; // distinct even where the key is one byte long
        keys.add(k);
        store().put(k.clone(), bytes(vl, kl + vl), ByteStore.ETERNAL);
      }
    }
    int i = 0;
    for (int kl : keyLengths) {
      for (int vl : valueLengths) {
        harness().assertValue(keys.get(i++).clone(), bytes(vl, kl + vl));
      }
    }
    assertEquals(keys.size(), store().size());
  }

  @Test
  default void put_largestKey_roundTrips() {
    ByteStore s = harness().reopen(b -> b.capacityBytes(4L << 20).segmentSize(256 << 10));
    byte[] big = bytes(65_535, 1);
    byte[] bigToo = bytes(65_535, 2);
    s.put(big.clone(), bytes(10, 1), ByteStore.ETERNAL);
    s.put(bigToo.clone(), new byte[0], ByteStore.ETERNAL);
    harness().assertValue(big.clone(), bytes(10, 1));
    harness().assertValue(bigToo.clone(), new byte[0]);
    assertArrayEquals(big, keyOf(s, big), "the iterator returns the whole key");
  }

  @Test
  default void put_nearlySegmentSizedValue_roundTrips() {
    int length = StoreHarness.SEGMENT_SIZE - 256;
    store().put(key("big"), bytes(length, 1), ByteStore.ETERNAL);
    store().put(key("small"), bytes(10, 2), ByteStore.ETERNAL);
    harness().assertValue(key("big"), bytes(length, 1));
    harness().assertValue(key("small"), bytes(10, 2));
  }

  @Test
  default void put_fiftyThousandSimilarKeys_allReadable() {
    // keys that differ in one or two bytes share hash prefixes, bucket neighbours and tags
    int n = 50_000;
    for (int i = 0; i < n; i++) {
      store().put(similarKey(i), ByteBuffer.allocate(4).putInt(i).array(), ByteStore.ETERNAL);
    }
    assertEquals(n, store().size());
    for (int i = 0; i < n; i++) {
      harness().assertValue(similarKey(i), ByteBuffer.allocate(4).putInt(i).array());
    }
    assertEquals(0, store().stats().evictions());
  }

  @Test
  default void put_twoHundredThousandEntries_indexGrowsAndKeepsThemAll() {
    ByteStore s = harness().reopen(b -> b.capacityBytes(64L << 20));
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      s.put(longKey(i), longKey(~i), ByteStore.ETERNAL);
    }
    assertEquals(n, s.size());
    assertEquals(0, s.stats().evictions(), () -> s.stats().toString());
    for (int i = 0; i < n; i++) {
      assertArrayEquals(longKey(~i), s.get(longKey(i)), "key " + i);
    }
    int iterated = 0;
    for (Iterator<StoreEntry> it = s.iterator(); it.hasNext(); it.next()) {
      iterated++;
    }
    assertEquals(n, iterated);
    for (int i = 0; i < n; i += 2) {
      s.remove(longKey(i));
    }
    assertEquals(n / 2, s.size());
    for (int i = 0; i < n; i++) {
      if (i % 2 == 0) {
        assertEquals(null, s.get(longKey(i)), "removed key " + i);
      } else {
        assertArrayEquals(longKey(~i), s.get(longKey(i)), "key " + i);
      }
    }
  }

  private static byte[] similarKey(int i) {
    byte[] k = key("user:00000000:profile");
    k[5] = (byte) i;
    k[6] = (byte) (i >>> 8);
    k[12] = (byte) (i >>> 16);
    return k;
  }

  private static byte[] longKey(long i) {
    return ByteBuffer.allocate(8).putLong(i).array();
  }

  private static byte[] keyOf(ByteStore s, byte[] wanted) {
    for (Iterator<StoreEntry> it = s.iterator(); it.hasNext(); ) {
      byte[] k = it.next().key();
      if (java.util.Arrays.equals(k, wanted)) {
        return k;
      }
    }
    return null;
  }
}

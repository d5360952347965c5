package io.cairn.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cairn.engine.ByteStore;
import io.cairn.engine.ItemTooLargeException;
import io.cairn.engine.StoreConfig;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A differential fuzz target: random operations, key and value sizes and expiry instants, on a
 * store with a fake clock and the background expirer off, checked after every step against a model
 * (a {@link HashMap} of value and expiry instant).
 *
 * <p>What it proves, for every input the fuzzer tried: the engine never returns a value the model
 * does not hold for that key (a stale, expired, torn or foreign value), never reports an expiry the
 * model does not, answers every conditional write as the model does, refuses an item larger than a
 * segment with {@link ItemTooLargeException} and leaves the key as it was, and misses a live key
 * only after it evicted something. Any other exception, or a disagreement, is a bug; Jazzer keeps
 * the input that shows it.
 *
 * <p>The store is small (2 MiB in 16 KiB segments, 2 shards) so that segments seal and the cleaner
 * may run during a few hundred operations; values up to 17 KiB exercise the refusal of items larger
 * than a segment.
 */
class EngineFuzzTest {

  static final long START = 1_700_000_000_000L;

  /** Keys are drawn from this many names, so that operations collide on keys. */
  static final int KEYS = 12;

  record Entry(byte[] value, long expireAt) {}

  static ByteStore open(AtomicLong clock) {
    return ByteStore.open(
        StoreConfig.builder(2L << 20)
            .name("fuzz")
            .segmentSize(16 << 10)
            .shards(2)
            .clock(clock::get)
            .expirationIntervalMillis(0)
            .build());
  }

  @FuzzTest(maxDuration = "2m")
  void differential(FuzzedDataProvider data) {
    AtomicLong clock = new AtomicLong(START);
    Map<Integer, Entry> model = new HashMap<>();
    try (ByteStore store = open(clock)) {
      int steps = 0;
      while (data.remainingBytes() > 0 && steps++ < 400) {
        int k = data.consumeInt(0, KEYS - 1);
        byte[] key = key(k);
        Entry live = live(model, k, clock.get());
        switch (data.consumeInt(0, 10)) {
          case 0 -> { // put
            byte[] value = value(data);
            long at = instant(data, clock.get());
            if (write(store, key, value, at)) {
              set(model, k, value, at, clock.get());
            }
          }
          case 1 -> { // putIfAbsent
            byte[] value = value(data);
            long at = instant(data, clock.get());
            try {
              boolean done = store.putIfAbsent(key, value, at);
              assertEquals(live == null, done, "putIfAbsent");
              if (done) {
                set(model, k, value, at, clock.get());
              }
            } catch (ItemTooLargeException e) {
              // refused: the key must be as it was (checked below)
            }
          }
          case 2 -> { // replace
            byte[] value = value(data);
            long at = instant(data, clock.get());
            try {
              boolean done = store.replace(key, value, at);
              assertEquals(live != null, done, "replace");
              if (done) {
                set(model, k, value, at, clock.get());
              }
            } catch (ItemTooLargeException e) {
              // refused
            }
          }
          case 3 -> { // replace(expected)
            byte[] expected = data.consumeBoolean() && live != null ? live.value() : value(data);
            byte[] value = value(data);
            long at = instant(data, clock.get());
            try {
              boolean done = store.replace(key, expected, value, at);
              assertEquals(
                  live != null && Arrays.equals(live.value(), expected), done, "replaceIf");
              if (done) {
                set(model, k, value, at, clock.get());
              }
            } catch (ItemTooLargeException e) {
              // refused
            }
          }
          case 4 -> { // remove
            assertEquals(live != null, store.remove(key), "remove");
            model.remove(k);
          }
          case 5 -> { // touch
            long at = instant(data, clock.get());
            assertEquals(live != null, store.touch(key, at), "touch");
            if (live != null) {
              set(model, k, live.value(), at, clock.get());
            }
          }
          case 6 -> clock.addAndGet(data.consumeInt(0, 200)); // time passes
          case 7 -> { // commit against the version just read
            byte[] value = value(data);
            long at = instant(data, clock.get());
            Long version = store.readEntry(key, (view, expireAt, v) -> v);
            assertEquals(live != null, version != null, "readEntry");
            try {
              boolean done =
                  store.commit(key, version == null ? ByteStore.ABSENT : version, value, at);
              assertTrue(done, "commit against the version just read");
              set(model, k, value, at, clock.get());
            } catch (ItemTooLargeException e) {
              // refused
            }
          }
          case 8 -> { // commit against a stale version
            Long version = store.readEntry(key, (view, expireAt, v) -> v);
            if (version != null) {
              store.put(key, live.value(), live.expireAt());
              assertEquals(
                  false,
                  store.commit(key, version, new byte[] {1}, ByteStore.ETERNAL),
                  "stale commit");
            }
          }
          case 9 -> { // versioned touch
            Long version = store.readEntry(key, (view, expireAt, v) -> v);
            long at = instant(data, clock.get());
            if (version != null) {
              assertTrue(store.touch(key, version, at), "versioned touch");
              set(model, k, live.value(), at, clock.get());
            }
          }
          default -> {
            store.clear();
            model.clear();
          }
        }
        checkKey(store, model, k, clock.get());
      }
      for (int k = 0; k < KEYS; k++) {
        checkKey(store, model, k, clock.get());
      }
    }
  }

  private static boolean write(ByteStore store, byte[] key, byte[] value, long at) {
    try {
      store.put(key, value, at);
      return true;
    } catch (ItemTooLargeException e) {
      return false;
    }
  }

  /** Compares one key's entry through every read path. */
  private static void checkKey(ByteStore store, Map<Integer, Entry> model, int k, long now) {
    byte[] key = key(k);
    Entry live = live(model, k, now);
    byte[] got = store.get(key);
    if (live == null) {
      assertNull(got, () -> "key " + k + " should be absent");
      assertEquals(-1, store.expiryOf(key), "expiryOf an absent key");
      return;
    }
    if (got == null) {
      assertTrue(store.stats().evictions() > 0, () -> "key " + k + " lost without an eviction");
      return;
    }
    assertArrayEquals(live.value(), got, () -> "value of key " + k);
    byte[] read = store.read(key, view -> view.toByteArray());
    assertNotNull(read, "read after get");
    assertArrayEquals(live.value(), read, "read");
    long expected = live.expireAt() >= ByteStore.MAX_INSTANT ? ByteStore.ETERNAL : live.expireAt();
    assertEquals(expected, store.expiryOf(key), () -> "expiryOf key " + k);
  }

  private static Entry live(Map<Integer, Entry> model, int k, long now) {
    Entry e = model.get(k);
    if (e != null && e.expireAt() <= now) {
      model.remove(k);
      return null;
    }
    return e;
  }

  private static void set(Map<Integer, Entry> model, int k, byte[] value, long at, long now) {
    if (at <= now) {
      model.remove(k);
    } else {
      model.put(k, new Entry(value.clone(), at));
    }
  }

  static byte[] key(int k) {
    byte[] key = new byte[1 + (k % 4) * 7];
    Arrays.fill(key, (byte) (k * 31 + 1));
    key[0] = (byte) k;
    return key;
  }

  /** A value of 0 to about 17 KiB (beyond one segment), mostly small. */
  static byte[] value(FuzzedDataProvider data) {
    int length =
        switch (data.consumeInt(0, 3)) {
          case 0 -> data.consumeInt(0, 16);
          case 1 -> data.consumeInt(0, 600);
          case 2 -> data.consumeInt(0, 4_000);
          default -> data.consumeInt(15 << 10, 17 << 10);
        };
    byte[] value = new byte[length];
    byte fill = data.consumeByte();
    for (int i = 0; i < length; i++) {
      value[i] = (byte) (fill + i);
    }
    return value;
  }

  /** An expiry instant: eternal, past, now, near future, or beyond the 48-bit range. */
  static long instant(FuzzedDataProvider data, long now) {
    return switch (data.consumeInt(0, 4)) {
      case 0 -> ByteStore.ETERNAL;
      case 1 -> now - data.consumeInt(0, 1_000);
      case 2 -> now + data.consumeInt(1, 500);
      case 3 -> ByteStore.MAX_INSTANT + data.consumeInt(0, 10);
      default -> now + data.consumeLong(1, 1L << 40);
    };
  }
}

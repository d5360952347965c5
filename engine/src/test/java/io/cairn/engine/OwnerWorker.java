package io.cairn.engine;

import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The only writer of its keys in {@link ByteStoreStressTest}: runs every kind of operation on them
 * and checks each answer against what it wrote, allowing only what eviction and expiry explain.
 * Whatever it cannot explain goes to {@code problems}; what it must leave to the removal reports (a
 * version found gone) is recorded in the {@link OwnedKey} for the test to check at the end.
 */
final class OwnerWorker implements ConcurrentRun.Step {

  private final ByteStore store;
  private final AtomicLong clock;
  private final OwnedKey[] keys;
  private final Queue<String> problems;

  OwnerWorker(ByteStore store, AtomicLong clock, OwnedKey[] keys, Queue<String> problems) {
    this.store = store;
    this.clock = clock;
    this.keys = keys;
    this.problems = problems;
  }

  /** The value of version {@code v} of {@code m}: mostly under 1.2 KB, now and then 3 to 5 KB. */
  static byte[] value(OwnedKey m, long v) {
    long h = TestBytes.mix(m.hash + v);
    int length =
        Math.floorMod(h, 100) < 3
            ? 3_000 + Math.floorMod(h >>> 8, 2_000)
            : Math.floorMod(h >>> 8, 1_200);
    return CheckedValue.encode(m.hash, v, length);
  }

  /** Key {@code index} of owner {@code owner}: 5 to 54 bytes, owner and index up front. */
  static byte[] key(int owner, int index) {
    int length = 5 + (int) Math.floorMod(TestBytes.mix(owner * 100_003L + index), 50L);
    byte[] k = TestBytes.bytes(length, owner * 7L + index);
    k[0] = (byte) owner;
    ByteBuffer.wrap(k).putInt(1, index);
    return k;
  }

  @Override
  public void run(SplittableRandom r) {
    OwnedKey m = keys[r.nextInt(keys.length)];
    long at = r.nextInt(4) == 0 ? clock.get() + 20 + r.nextInt(400) : ByteStore.ETERNAL;
    int op = r.nextInt(100);
    if (op < 22) {
      put(m, at);
    } else if (op < 30) {
      putIfAbsent(m, at);
    } else if (op < 38) {
      replace(m, at);
    } else if (op < 46) {
      replaceExpected(m, at, r);
    } else if (op < 51) {
      remove(m);
    } else if (op < 56) {
      removeExpected(m, r);
    } else if (op < 68) {
      commit(m, at, r.nextInt(8) == 0);
    } else if (op < 76) {
      touch(m, at);
    } else if (op < 86) {
      checkRead(m, store.get(m.key), "get");
    } else if (op < 94) {
      checkRead(m, store.read(m.key, BytesView::toByteArray), "read");
    } else if (op < 97) {
      expiryOf(m);
    } else {
      containsKey(m);
    }
  }

  private long live(OwnedKey m) {
    return m.present ? m.current : 0;
  }

  private void put(OwnedKey m, long at) {
    long old = live(m);
    long v = m.next();
    store.put(m.key, value(m, v), at);
    long after = clock.get();
    if (old > 0) {
      m.superseded(old, at, after);
    }
    m.wrote(v, at);
  }

  private void putIfAbsent(OwnedKey m, long at) {
    long old = live(m);
    long v = m.next();
    boolean stored = store.putIfAbsent(m.key, value(m, v), at);
    long after = clock.get();
    if (stored) {
      if (old > 0) {
        m.vanished(old, after);
      }
      m.wrote(v, at);
    } else if (old == 0 && at > after) {
      problem(m, "putIfAbsent refused though no live entry can exist");
    }
  }

  private void replace(OwnedKey m, long at) {
    long old = live(m);
    long v = m.next();
    boolean replaced = store.replace(m.key, value(m, v), at);
    long after = clock.get();
    if (replaced) {
      if (old == 0) {
        problem(m, "replace succeeded though no live entry can exist");
      } else {
        m.superseded(old, at, after);
      }
      m.wrote(v, at);
    } else if (old > 0) {
      m.vanished(old, after);
    }
  }

  private void replaceExpected(OwnedKey m, long at, SplittableRandom r) {
    long old = live(m);
    long expected = guess(m, old, r);
    long v = m.next();
    boolean replaced = store.replace(m.key, value(m, expected), value(m, v), at);
    long after = clock.get();
    if (replaced) {
      if (old == 0 || expected != old) {
        problem(m, "compare-and-replace matched v" + expected + " but the live version is " + old);
      } else {
        m.superseded(old, at, after);
      }
      m.wrote(v, at);
    } else if (old > 0 && expected == old) {
      m.vanished(old, after);
    }
  }

  private void remove(OwnedKey m) {
    long old = live(m);
    boolean removed = store.remove(m.key);
    long after = clock.get();
    if (removed) {
      if (old == 0) {
        problem(m, "remove found an entry though none can exist");
      } else {
        m.removed(old);
      }
    } else if (old > 0) {
      m.vanished(old, after);
    }
  }

  private void removeExpected(OwnedKey m, SplittableRandom r) {
    long old = live(m);
    long expected = guess(m, old, r);
    boolean removed = store.remove(m.key, value(m, expected));
    long after = clock.get();
    if (removed) {
      if (old == 0 || expected != old) {
        problem(m, "compare-and-remove matched v" + expected + " but the live version is " + old);
      } else {
        m.removed(old);
      }
    } else if (old > 0 && expected == old) {
      m.vanished(old, after);
    }
  }

  private void commit(OwnedKey m, long at, boolean removeIt) {
    long old = live(m);
    long oldExpireAt = m.expireAt;
    long v = m.next();
    byte[] next = value(m, v);
    // Only this worker writes the key: a commit fails only when the item moved or went.
    Commits.Seen found =
        Commits.update(store, m.key, e -> e == null || !removeIt ? next : null, at);
    String seen = found == null ? "absent" : "present";
    if (found != null) {
      String problem = CheckedValue.problem(m.hash, found.value());
      long version = problem == null ? CheckedValue.version(found.value()) : -1;
      if (problem != null) {
        seen = "readEntry saw " + problem;
      } else if (version != old) {
        seen = "readEntry saw v" + version + " but the live version is " + old;
      } else if (found.expireAt() != oldExpireAt) {
        seen = "readEntry saw expireAt=" + found.expireAt() + ", last set " + oldExpireAt;
      }
    }
    long after = clock.get();
    if ("absent".equals(seen)) {
      if (old > 0) {
        m.vanished(old, after);
      }
      m.wrote(v, at);
      return;
    }
    if (!"present".equals(seen)) {
      problem(m, seen);
    }
    if (old > 0 && removeIt) {
      m.removed(old);
    } else if (old > 0) {
      m.superseded(old, at, after);
    }
    if (!removeIt) {
      m.wrote(v, at);
    }
  }

  private void touch(OwnedKey m, long at) {
    long old = live(m);
    boolean touched = store.touch(m.key, at);
    long after = clock.get();
    if (touched) {
      if (old == 0) {
        problem(m, "touch found an entry though none can exist");
      } else {
        m.expireAt = at;
        m.lowerExpiry(old, at);
      }
    } else if (old > 0) {
      m.vanished(old, after);
    }
  }

  private void expiryOf(OwnedKey m) {
    long old = live(m);
    long expiry = store.expiryOf(m.key);
    long after = clock.get();
    if (expiry == -1) {
      if (old > 0) {
        m.vanished(old, after);
      }
    } else if (old == 0) {
      problem(m, "expiryOf found an entry though none can exist");
    } else if (expiry != m.expireAt) {
      problem(m, "expiryOf=" + expiry + " but the last instant set is " + m.expireAt);
    }
  }

  private void containsKey(OwnedKey m) {
    long old = live(m);
    boolean contained = store.containsKey(m.key);
    long after = clock.get();
    if (!contained && old > 0) {
      m.vanished(old, after);
    } else if (contained && old == 0) {
      problem(m, "containsKey found an entry though none can exist");
    }
  }

  /** Checks what a read returned: null (then the live version vanished) or exactly the live one. */
  void checkRead(OwnedKey m, byte[] value, String how) {
    long old = live(m);
    if (value == null) {
      if (old > 0) {
        m.vanished(old, clock.get());
      }
      return;
    }
    String problem = CheckedValue.problem(m.hash, value);
    if (problem != null) {
      problem(m, how + " returned " + problem);
    } else if (CheckedValue.version(value) != old) {
      problem(m, how + " returned v" + CheckedValue.version(value) + ", the live one is " + old);
    }
  }

  /** The live version mostly; now and then, or when none is live, an earlier one. */
  private static long guess(OwnedKey m, long live, SplittableRandom r) {
    if (live > 0 && r.nextInt(5) != 0) {
      return live;
    }
    return m.version > 0 ? 1 + r.nextLong(m.version) : 1;
  }

  private void problem(OwnedKey m, String what) {
    problems.add("key " + TestBytes.describe(m.key) + ": " + what);
  }
}

package io.cairn.engine.segment;

import io.cairn.engine.ByteStore;
import io.cairn.engine.Persistence;
import io.cairn.engine.StoreConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.CRC32C;

/**
 * The deterministic workload of {@link PersistenceCrashTest}: the same seed gives the same puts,
 * removals and expiry changes, so the test can tell which states a killed writer passed through.
 * Run as a program, it is the writer: it opens a persistent store, runs the workload and prints
 * {@code FLUSHED n} after each {@link ByteStore#flush()} that covered the first n operations.
 */
final class CrashWorkload {

  /** Keys the workload writes: few enough that its live data never fills the store. */
  static final int KEYS = 3_000;

  /** Operations between explicit flushes. */
  static final int FLUSH_EVERY = 500;

  /** The most operations a writer runs; it then waits to be killed. */
  static final int MAX_OPS = 2_000_000;

  /** Expiry instants the workload sets: far in the future, so nothing expires meanwhile. */
  static final long BASE_EXPIRY = 4_000_000_000_000L;

  private final Random random;

  CrashWorkload(long seed) {
    this.random = new Random(seed);
  }

  /** One operation: a put of a value, a removal, or a touch to an instant. */
  record Op(int key, byte[] value, boolean remove, long expireAt) {}

  Op next(int j) {
    int k = random.nextInt(KEYS);
    int kind = random.nextInt(10);
    if (kind < 7) {
      return new Op(k, value(k, j), false, kind == 0 ? BASE_EXPIRY + j : ByteStore.ETERNAL);
    }
    return kind < 9 ? new Op(k, null, true, 0) : new Op(k, null, false, BASE_EXPIRY + j);
  }

  static byte[] key(int k) {
    return ("k" + k).getBytes(StandardCharsets.UTF_8);
  }

  /** A value that says its key and operation, of a length that varies, checksummed. */
  static byte[] value(int k, int j) {
    int length = 16 + (k * 31 + j) % 400;
    ByteBuffer b = ByteBuffer.allocate(length);
    b.putInt(k).putInt(j);
    while (b.remaining() > 4) {
      b.put((byte) (k ^ j ^ b.position()));
    }
    CRC32C crc = new CRC32C();
    crc.update(b.array(), 0, length - 4);
    b.putInt((int) crc.getValue());
    return b.array();
  }

  static StoreConfig config(Path directory, long flushIntervalMillis) {
    return StoreConfig.builder(8 << 20)
        .segmentSize(16 << 10)
        .shards(2)
        .expirationIntervalMillis(0)
        .persistence(Persistence.in(directory).flushIntervalMillis(flushIntervalMillis))
        .build();
  }

  /** Applies {@code op} to {@code store}. */
  static void apply(ByteStore store, Op op) {
    if (op.remove()) {
      store.remove(key(op.key()));
    } else if (op.value() != null) {
      store.put(key(op.key()), op.value(), op.expireAt());
    } else {
      store.touch(key(op.key()), op.expireAt());
    }
  }

  /** The writer: {@code <directory> <seed> <flush interval ms>}. */
  public static void main(String[] args) {
    Path directory = Path.of(args[0]);
    CrashWorkload workload = new CrashWorkload(Long.parseLong(args[1]));
    ByteStore store = ByteStore.open(config(directory, Long.parseLong(args[2])));
    System.out.println("OPEN");
    System.out.flush();
    for (int j = 0; j < MAX_OPS; j++) {
      apply(store, workload.next(j));
      if ((j + 1) % FLUSH_EVERY == 0) {
        store.flush();
        System.out.println("FLUSHED " + (j + 1));
        System.out.flush();
      }
    }
    System.out.println("DONE");
    System.out.flush();
    while (true) {
      try {
        Thread.sleep(1_000);
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}

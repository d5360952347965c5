package io.cairn.engine.segment;

import static io.cairn.engine.index.HashIndex.NOT_FOUND;

import io.cairn.engine.ByteStore;
import io.cairn.engine.CapacityException;
import io.cairn.engine.EntryReader;
import io.cairn.engine.ItemTooLargeException;
import io.cairn.engine.Persistence;
import io.cairn.engine.RemovalCause;
import io.cairn.engine.StoreClosedException;
import io.cairn.engine.StoreConfig;
import io.cairn.engine.StoreEntry;
import io.cairn.engine.StoreStats;
import io.cairn.engine.ValueReader;
import io.cairn.engine.memory.NativeMemory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The segment-structured store behind {@link ByteStore}. Internal: open one with {@link
 * ByteStore#open}.
 *
 * <h2>Memory</h2>
 *
 * Items (an 8-byte header, key, value, 4-byte aligned; see {@link ItemDescriptor}) are appended to
 * fixed-size segments of native memory, log-structured, as in Pelikan's segcache (Yang et al.,
 * "Segcache: a memory-efficient and scalable in-memory key-value cache for small objects", NSDI
 * '21). Segments are allocated as data arrives; every native byte, index included, is reserved
 * first in the store's {@link MemoryBudget}, so the capacity is a hard bound. Overwrites and
 * removals only mark the old item deleted; the {@link Cleaner} gives their space back by compacting
 * the segments it pays best to compact (LFS cost-benefit), so live entries are evicted only when
 * live data fills the bound. An item larger than a segment, up to {@link
 * StoreConfig#maxItemBytes()}, gets a native allocation of its own, a large segment holding just
 * that item, whose bytes are reserved before the write takes its shard's lock, by making room in
 * every shard if need be ({@link LargeItems}, {@link LargeReservations}); it is expired and evicted
 * like any segment and released, not reused, once its item is gone. Each shard's index ({@link
 * io.cairn.engine.index.HashIndex}) is a table of 8-slot buckets with a spill byte each, held 76%
 * to 85% full by growing an eighth at a time: about 10 bytes per entry, against segcache's 8. Keys
 * are hashed with SipHash-1-3 under a random key per store ({@link Hashing}).
 *
 * <h2>Concurrency</h2>
 *
 * The key's hash picks a {@link Shard}; each shard owns its index, its segments and a {@code
 * StampedLock}. Writes take the shard's write lock, which makes every write of one key atomic.
 * Reads are optimistic: they read native memory through bounds-checked regions with no lock and
 * keep the result only if the segment they read was not emptied or rewritten meanwhile (a stamp per
 * segment, see {@link SegmentTable}; async-segcache validates against segment states the same way),
 * so a move elsewhere in the shard never fails them. Every native access is bounds-checked, so a
 * racing read can only produce a retry, never a stray access. Memory that an optimistic reader
 * might still hold (a replaced index table, the whole store on close) is freed only once the {@link
 * ReaderBarrier} says no reader is inside. No listener runs under a lock: removals are queued and
 * delivered after the lock is released.
 *
 * <h2>Expiry</h2>
 *
 * Each item keeps its exact expiry instant, checked on every read, so an expired entry is never
 * returned: 32 bits of milliseconds after its segment's base time (the instant the segment was
 * opened), or the whole instant for an item expiring more than 49.7 days ahead; an access or update
 * expiry rewrites that word in place, or the item when the word cannot say the instant. Items are
 * written to the open segment of their TTL lane, a run of the 1024 logarithmic TTL buckets ({@link
 * TtlBuckets}) sized so that open segments stay a small share of a shard. The background expirer
 * (one daemon thread for all stores) sweeps segments whose earliest item has expired, reporting
 * each expired entry once on a delivery thread; a failing shard or listener stops neither the pass
 * nor other stores' expiry.
 *
 * <h2>Eviction</h2>
 *
 * When a shard needs a segment, the budget is spent and nothing is worth cleaning, its {@link
 * EvictionStrategy} makes room: FIFO, RANDOM, CTE (closest to expiration) and UTIL (least live
 * bytes) drop a segment whole, after segcache; MERGE (segcache's merge), S3FIFO (Yang et al., SOSP
 * '23) and TINYLFU (W-TinyLFU at segment granularity, the default) keep the items they value.
 * TINYLFU chooses its window share with two miniature item-level models of itself fed a spatial
 * sample of the requests (Waldspurger et al., "Cache Modeling and Optimization using Miniature
 * Simulations", ATC '17): 3% where frequency pays, 85% where recency does.
 *
 * <h2>Persistence</h2>
 *
 * Optional ({@link StoreConfig#persistence()}). Segments are append-only, so they are the log, as
 * FASTER's hybrid log is (Chandramouli et al., SIGMOD '18): a {@link PersistentLog} flushes each
 * segment's new bytes to a file of its own and the deletions since the last flush to a deletes log,
 * from a cut of every shard at one instant, then replaces a manifest atomically; a store opened on
 * the directory replays the manifest's live items. In a persistent store an expiry change rewrites
 * the item, so that flushed bytes never change but for the deleted flag, which the copy clears and
 * the deletes log says instead.
 *
 * <h2>Size</h2>
 *
 * Over 800 lines: the store is the engine's one implementation of {@link ByteStore}, and each of
 * its operations is a few lines of routing (checks, hash, shard, lock, delivery) that read best
 * side by side. What has a life of its own lives elsewhere ({@link Shard}, {@link PersistentLog},
 * {@link LargeReservations}, {@link Expirer}); the next cut is persistence's opening and flusher
 * thread, which would move to {@link PersistentLog} with the store's shards passed in.
 */
public final class SegmentStore implements ByteStore {

  private static final Logger LOG = LoggerFactory.getLogger(SegmentStore.class);

  /** Copies the value out: what {@link #get} does with a live item. */
  private static final ItemVisitor COPY =
      (segment, item, expireAt, version, unused) -> ItemDescriptor.value(segment, item);

  private static final ItemVisitor EXISTS =
      (segment, item, expireAt, version, unused) -> Boolean.TRUE;

  private static final ItemVisitor EXPIRY = (segment, item, expireAt, version, unused) -> expireAt;

  /** Runs the {@link ValueReader} passed as the argument on a bounds-checked view of the value. */
  private static final ItemVisitor READ =
      (segment, item, expireAt, version, reader) -> {
        int valueLength = ItemDescriptor.valueLength(segment, item);
        ValueView view =
            new ValueView(segment, ItemDescriptor.valueOffset(segment, item), valueLength);
        return ((ValueReader<?>) reader).read(view);
      };

  /** Runs the {@link EntryReader} passed as the argument on the value, its expiry and version. */
  private static final ItemVisitor READ_ENTRY =
      (segment, item, expireAt, version, reader) -> {
        int valueLength = ItemDescriptor.valueLength(segment, item);
        ValueView view =
            new ValueView(segment, ItemDescriptor.valueOffset(segment, item), valueLength);
        return ((EntryReader<?>) reader).read(view, expireAt, version);
      };

  /** The shard bits sit just below the 12 tag bits, away from the bucket bits at the bottom. */
  private static final int SHARD_SHIFT = 40;

  private final StoreConfig config;
  private final LongSupplier clock;
  private final NativeMemory memory;
  private final Hashing hashing;
  private final ReaderBarrier barrier = new ReaderBarrier();
  private final MemoryBudget budget;
  private final Shard[] shards;
  private final LargeReservations largeReservations;
  private final int shardMask;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final ScheduledFuture<?> expiry;
  private final PersistentLog log; // null unless persistent
  private final ScheduledExecutorService flusher; // null unless persistent
  private volatile boolean closed;
  private volatile boolean delivering; // a scheduled pass's removals are being delivered

  private SegmentStore(StoreConfig config, Hashing hashing, NativeMemory memory) {
    this.config = config;
    this.hashing = hashing;
    this.memory = memory;
    this.clock = config.clock();
    int n = config.shards();
    this.budget = new MemoryBudget(config, memory, barrier);
    this.shards = new Shard[n];
    this.shardMask = n - 1;
    try {
      for (int i = 0; i < n; i++) {
        shards[i] = new Shard(this, budget, memory, hashing);
      }
    } catch (RuntimeException | Error e) {
      for (Shard shard : shards) {
        if (shard != null) {
          shard.free();
        }
      }
      budget.close(); // give the shared capacity back what this store reserved
      throw e;
    }
    this.largeReservations = new LargeReservations(this, budget, shards);
    this.log = config.persistence() == null ? null : openAndRestore(config.persistence());
    this.flusher = log == null ? null : startFlusher(config.persistence().flushIntervalMillis());
    this.expiry =
        config.expirationIntervalMillis() > 0
            ? Expirer.schedule(this::scheduledPass, config.expirationIntervalMillis())
            : null;
  }

  /**
   * Opens the store's persistence directory and replays what it holds into the shards; on failure
   * frees what the store holds and throws.
   */
  private PersistentLog openAndRestore(Persistence persistence) {
    PersistentLog opened = null;
    try {
      opened = PersistentLog.open(persistence, name());
      long start = System.nanoTime();
      PersistentLog.Restored restored = opened.restore(memory, now(), this::restorePut);
      for (Shard shard : shards) {
        shard.puts = 0; // a restored entry is not a put
      }
      if (restored.segments() + restored.expiredSegments() + restored.corruptSegments() > 0) {
        LOG.info(
            "store {}: restored {} entries from {} segments in {} in {} ms ({} expired segments"
                + " dropped, {} corrupt skipped)",
            name(),
            restored.entries(),
            restored.segments(),
            persistence.directory(),
            (System.nanoTime() - start) / 1_000_000,
            restored.expiredSegments(),
            restored.corruptSegments());
      }
      return opened;
    } catch (IOException e) {
      closeAfterFailedOpen(opened);
      throw new UncheckedIOException(
          "store " + name() + " cannot open its persistence directory " + persistence.directory(),
          e);
    } catch (RuntimeException | Error e) {
      closeAfterFailedOpen(opened);
      throw e;
    }
  }

  private void closeAfterFailedOpen(PersistentLog opened) {
    if (opened != null) {
      opened.close();
    }
    for (Shard shard : shards) {
      shard.free();
    }
    budget.releaseAllRetired();
    budget.close();
  }

  /** Writes a restored item; an item this configuration cannot hold is dropped. */
  private boolean restorePut(byte[] key, byte[] value, long expireAt) {
    try {
      put(key, value, expireAt);
      return true;
    } catch (ItemTooLargeException | CapacityException e) {
      return false;
    }
  }

  private ScheduledExecutorService startFlusher(long intervalMillis) {
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "cairn-flusher-" + name());
              thread.setDaemon(true);
              return thread;
            });
    executor.scheduleWithFixedDelay(
        this::scheduledFlush, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    return executor;
  }

  @SuppressWarnings("IllegalCatch")
  private void scheduledFlush() {
    try {
      log.flush(this, shards);
    } catch (Throwable t) { // logged, never thrown: the next flush tries again
      LOG.warn("store {}: flush to {} failed", name(), config.persistence().directory(), t);
    }
  }

  /** Opens a store; see {@link ByteStore#open}. */
  public static ByteStore open(StoreConfig config) {
    return new SegmentStore(
        Objects.requireNonNull(config, "config"), Hashing.seeded(), new NativeMemory());
  }

  /** Opens a store that hashes keys with {@code hashing}: for tests that know the hash. */
  static SegmentStore open(StoreConfig config, Hashing hashing) {
    return new SegmentStore(config, hashing, new NativeMemory());
  }

  /** Opens a store whose native memory comes from {@code memory}: for fault-injection tests. */
  static SegmentStore open(StoreConfig config, NativeMemory memory) {
    return new SegmentStore(config, Hashing.seeded(), memory);
  }

  /** Reads so far, hits and misses, for a policy that samples the hit rate; a racy sum. */
  long reads() {
    return hits.sum() + misses.sum();
  }

  /** The number of shards. */
  int shardCount() {
    return shards.length;
  }

  /** Hits so far; see {@link #reads}. */
  long hits() {
    return hits.sum();
  }

  @Override
  public StoreConfig config() {
    return config;
  }

  String name() {
    return config.name();
  }

  long now() {
    long now = clock.getAsLong();
    if (now < 0 || now > MAX_INSTANT) {
      throw new IllegalStateException(
          "the clock returned "
              + now
              + "; it must return epoch milliseconds from 0 to "
              + MAX_INSTANT);
    }
    return now;
  }

  static StoreClosedException closedException() {
    return new StoreClosedException("the store is closed");
  }

  private void checkOpen() {
    if (closed) {
      throw closedException();
    }
  }

  private Shard shardOf(long hash) {
    return shards[(int) (hash >>> SHARD_SHIFT) & shardMask];
  }

  /** The shard of {@code key}; for tests that hold a shard's lock. */
  Shard shardOf(byte[] key) {
    return shardOf(hashing.hash(key));
  }

  private static void checkKey(byte[] key) {
    Objects.requireNonNull(key, "key");
    if (key.length > ItemDescriptor.MAX_KEY_LENGTH) {
      throw new ItemTooLargeException(
          "key length=" + key.length + " exceeds the limit of " + ItemDescriptor.MAX_KEY_LENGTH,
          key.length,
          -1,
          ItemDescriptor.MAX_KEY_LENGTH);
    }
  }

  private void checkItem(byte[] key, byte[] value) {
    checkKey(key);
    Objects.requireNonNull(value, "value");
    long max = config.maxItemBytes();
    // Lengths are checked before they are added: the key's by checkKey, the value's first here.
    if (value.length > ItemDescriptor.MAX_VALUE_LENGTH
        || (long) key.length + value.length + ItemDescriptor.MAX_OVERHEAD > max) {
      throw new ItemTooLargeException(
          "item of key length="
              + key.length
              + " and value length="
              + value.length
              + " (with "
              + ItemDescriptor.MAX_OVERHEAD
              + " bytes of header) exceeds maxItemBytes="
              + max
              + ", "
              + maxItemBytesOrigin(),
          key.length,
          value.length,
          max);
    }
  }

  /** Where {@link StoreConfig#maxItemBytes()} comes from, for the message of a refused item. */
  private String maxItemBytesOrigin() {
    long quarter = (config.capacityBytes() / 4) & -8L;
    if (quarter < config.segmentSize()) {
      return "one segment of segmentSize="
          + config.segmentSize()
          + " (a quarter of capacityBytes="
          + config.capacityBytes()
          + " is less)";
    }
    return quarter <= StoreConfig.MAX_ITEM_BYTES
        ? "a quarter of capacityBytes=" + config.capacityBytes()
        : "the 16 MiB limit of the item header's 24-bit value length";
  }

  // ---------------------------------------------------------------- reads

  private Object find(byte[] key, ItemVisitor visitor, Object argument) {
    checkKey(key);
    long hash = hashing.hash(key);
    Shard shard = shardOf(hash);
    Object result;
    int token = barrier.enter();
    try {
      checkOpen(); // after entering: close() either sees this reader or we see it closed
      result = shard.read(key, hash, now(), visitor, argument);
    } finally {
      barrier.exit(token);
    }
    if (result == Shard.EXPIRED) {
      reclaimIfExpired(shard, key, hash);
      result = Shard.MISS;
    }
    return result;
  }

  private void reclaimIfExpired(Shard shard, byte[] key, long hash) {
    List<Removal> removed = null;
    shard.lockWrite();
    try {
      shard.findLive(key, hash, now());
    } finally {
      removed = shard.unlockWrite();
    }
    deliver(removed);
  }

  private Object count(Object result) {
    (result == Shard.MISS ? misses : hits).increment();
    return result;
  }

  @Override
  public byte[] get(byte[] key) {
    Object result = count(find(key, COPY, null));
    return result == Shard.MISS ? null : (byte[]) result;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <R> R read(byte[] key, ValueReader<R> reader) {
    Objects.requireNonNull(reader, "reader");
    Object result = count(find(key, READ, reader));
    return result == Shard.MISS ? null : (R) result;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <R> R readEntry(byte[] key, EntryReader<R> reader) {
    Objects.requireNonNull(reader, "reader");
    Object result = find(key, READ_ENTRY, reader);
    return result == Shard.MISS ? null : (R) result;
  }

  @Override
  public long expiryOf(byte[] key) {
    Object result = find(key, EXPIRY, null);
    return result == Shard.MISS ? -1 : (Long) result;
  }

  @Override
  public boolean containsKey(byte[] key) {
    return find(key, EXISTS, null) != Shard.MISS;
  }

  // ---------------------------------------------------------------- writes

  /**
   * What a write does under its shard's lock, given the operation's key, value and expiry ({@code
   * value} null and {@code expireAt} 0 where the operation has none). The common writes are
   * constants taking everything as arguments, so that they allocate nothing per call.
   */
  @FunctionalInterface
  private interface Write<R> {
    R apply(Shard shard, long hash, long now, byte[] key, byte[] value, long expireAt);
  }

  private static final Write<Void> PUT =
      (shard, hash, now, key, value, expireAt) -> {
        shard.write(key, hash, value, expireAt, now, shard.findLive(key, hash, now));
        return null;
      };

  private static final Write<Boolean> PUT_IF_ABSENT =
      (shard, hash, now, key, value, expireAt) -> {
        if (shard.findLive(key, hash, now) != NOT_FOUND) {
          return Boolean.FALSE;
        }
        shard.write(key, hash, value, expireAt, now, NOT_FOUND);
        return Boolean.TRUE;
      };

  /**
   * Applies {@code write} under the key's shard lock. An item larger than a segment ({@code value}
   * is the one the write may store) has its bytes reserved first, with no lock held ({@link
   * LargeReservations}); what the write does not use is given back.
   */
  private <R> R write(byte[] key, byte[] value, long expireAt, Write<R> write) {
    long hash = hashing.hash(key);
    Shard shard = shardOf(hash);
    int size =
        value == null || !ItemDescriptor.isLarge(key.length, value.length, config.segmentSize())
            ? 0
            : ItemDescriptor.largeSegmentBytes(key.length, value.length);
    // An expiry already past removes instead: nothing to reserve (the shard would, were it not).
    long prepaid = size > 0 && (expireAt == KEEP_EXPIRY || expireAt > now()) ? size : 0;
    if (prepaid > 0) {
      largeReservations.reserve(size);
    }
    List<Removal> removed;
    R result;
    try {
      shard.lockWrite();
      try {
        shard.largeItems().prepay(prepaid);
        result = write.apply(shard, hash, now(), key, value, expireAt);
      } finally {
        prepaid = shard.largeItems().unusedPrepayment();
        removed = shard.unlockWrite();
      }
    } finally {
      if (prepaid > 0) {
        budget.unreserve(prepaid);
      }
    }
    deliver(removed);
    return result;
  }

  private <R> R write(byte[] key, Write<R> write) {
    return write(key, null, 0, write);
  }

  @Override
  public void put(byte[] key, byte[] value, long expireAt) {
    checkItem(key, value);
    write(key, value, expireAt, PUT);
  }

  @Override
  public boolean putIfAbsent(byte[] key, byte[] value, long expireAt) {
    checkItem(key, value);
    return write(key, value, expireAt, PUT_IF_ABSENT);
  }

  @Override
  public boolean replace(byte[] key, byte[] value, long expireAt) {
    checkItem(key, value);
    return replaceIf(key, null, value, expireAt);
  }

  @Override
  public boolean replace(byte[] key, byte[] expected, byte[] value, long expireAt) {
    Objects.requireNonNull(expected, "expected");
    checkItem(key, value);
    return replaceIf(key, expected, value, expireAt);
  }

  /** Replaces the live value if there is one and, unless {@code expected} is null, it matches. */
  private boolean replaceIf(byte[] key, byte[] expected, byte[] value, long expireAt) {
    return write(
        key,
        value,
        expireAt,
        (shard, hash, now, k, v, e) -> {
          long position = findMatching(shard, key, hash, now, expected);
          if (position == NOT_FOUND) {
            return false;
          }
          shard.write(key, hash, value, expireAt, now, position);
          return true;
        });
  }

  /** The live slot's position if its value is {@code expected} (any value if null). */
  private static long findMatching(Shard shard, byte[] key, long hash, long now, byte[] expected) {
    long position = shard.findLive(key, hash, now);
    if (position == NOT_FOUND
        || expected == null
        || ItemDescriptor.valueEquals(
            shard.segmentAt(position), shard.itemAt(position), expected)) {
      return position;
    }
    return NOT_FOUND;
  }

  @Override
  public boolean remove(byte[] key) {
    checkKey(key);
    return removeIf(key, null);
  }

  @Override
  public boolean remove(byte[] key, byte[] expected) {
    checkKey(key);
    Objects.requireNonNull(expected, "expected");
    return removeIf(key, expected);
  }

  /** Removes the live entry if there is one and, unless {@code expected} is null, it matches. */
  private boolean removeIf(byte[] key, byte[] expected) {
    return write(
        key,
        (shard, hash, now, k, v, e) -> {
          long position = findMatching(shard, key, hash, now, expected);
          if (position == NOT_FOUND) {
            return false;
          }
          shard.delete(position, RemovalCause.EXPLICIT);
          return true;
        });
  }

  @Override
  public boolean touch(byte[] key, long expireAt) {
    checkKey(key);
    return write(
        key,
        (shard, hash, now, k, v, e) -> {
          long position = shard.findLive(key, hash, now);
          if (position == NOT_FOUND) {
            return false;
          }
          shard.setExpiry(position, expireAt, now);
          return true;
        });
  }

  @Override
  public boolean commit(byte[] key, long version, byte[] value, long expireAt) {
    if (value == null) {
      checkKey(key);
    } else {
      checkItem(key, value);
    }
    if (expireAt == KEEP_EXPIRY && (value == null || version == ABSENT)) {
      throw new IllegalArgumentException(
          "expireAt=KEEP_EXPIRY keeps a live entry's expiry: it needs a value and a version, not"
              + (value == null ? " a removal" : " ABSENT"));
    }
    return write(
        key,
        value,
        expireAt,
        (shard, hash, now, k, v, e) -> {
          long position = shard.findLive(key, hash, now);
          long current = position == NOT_FOUND ? ABSENT : shard.versionAt(position);
          if (current != version) {
            return false;
          }
          if (value != null) {
            long at = expireAt == KEEP_EXPIRY ? shard.expiryAt(position) : expireAt;
            shard.write(key, hash, value, at, now, position);
          } else if (position != NOT_FOUND) {
            shard.delete(position, RemovalCause.EXPLICIT);
          }
          return true;
        });
  }

  @Override
  public boolean touch(byte[] key, long version, long expireAt) {
    checkKey(key);
    return write(
        key,
        (shard, hash, now, k, v, e) -> {
          long position = shard.findLive(key, hash, now);
          if (position == NOT_FOUND || shard.versionAt(position) != version) {
            return false;
          }
          shard.setExpiry(position, expireAt, now);
          return true;
        });
  }

  // ---------------------------------------------------------------- whole store

  @Override
  public void flush() {
    checkOpen();
    if (log != null) {
      try {
        log.flush(this, shards);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "store " + name() + " cannot flush to " + config.persistence().directory(), e);
      }
    }
  }

  @Override
  public void clear() {
    checkOpen();
    for (Shard shard : shards) {
      shard.lockWrite();
      try {
        shard.clear();
      } finally {
        deliver(shard.unlockWrite());
      }
    }
  }

  @Override
  public long size() {
    checkOpen();
    long size = 0;
    for (Shard shard : shards) {
      size += shard.entries();
    }
    return size;
  }

  @Override
  public Iterator<StoreEntry> iterator() {
    checkOpen();
    return new StoreIterator(this, shards);
  }

  /** Runs {@code action} on {@code shard} under its read lock, inside the reader barrier. */
  void withReadLock(Shard shard, Runnable action) {
    int token = barrier.enter();
    try {
      checkOpen();
      long stamp = shard.lockRead();
      try {
        action.run();
      } finally {
        shard.unlockRead(stamp);
      }
    } finally {
      barrier.exit(token);
    }
  }

  @Override
  public StoreStats stats() {
    // Read before and after the shards: a large item's bytes are committed before it is counted
    // live and given back after, so the larger reading covers the live bytes summed in between.
    long committedBefore = budget.committed();
    long puts = 0;
    long removals = 0;
    long evictions = 0;
    long expirations = 0;
    long entries = 0;
    long live = 0;
    int free = 0;
    int active = 0;
    int sealed = 0;
    long cleanedSegments = 0;
    long cleanedBytes = 0;
    long lockedReads = 0;
    for (Shard s : shards) {
      cleanedSegments += s.cleanedSegments;
      cleanedBytes += s.cleanedBytes;
      lockedReads += s.lockedReads.sum();
      puts += s.puts;
      removals += s.removals;
      evictions += s.evictions;
      expirations += s.expirations;
      entries += s.entries();
      live += s.liveBytes;
      free += s.segmentCount(SegmentTable.FREE);
      active += s.segmentCount(SegmentTable.ACTIVE);
      sealed += s.segmentCount(SegmentTable.SEALED);
    }
    return new StoreStats(
        hits.sum(),
        misses.sum(),
        puts,
        removals,
        evictions,
        expirations,
        entries,
        live,
        Math.max(committedBefore, budget.committed()),
        budget.capacity(),
        free,
        active,
        sealed,
        cleanedSegments,
        cleanedBytes,
        lockedReads);
  }

  /** Native bytes this store's allocator holds now; 0 after close. */
  public long allocatedBytes() {
    return memory.allocatedBytes();
  }

  /**
   * Runs one pass of the expirer now and delivers what it removed in this thread: each shard is
   * swept of expired items and, while it has no room left, cleaned of its sparsest segments. A
   * failure in one shard is logged and never skips the others; a listener's failure, {@link Error}
   * included, is logged and never stops the pass or the delivery of the other removals.
   */
  void expireNow() {
    deliverIsolated(expireShards());
  }

  /** The scheduled pass: sweeps here, and delivers on {@link Expirer}'s delivery threads. */
  private void scheduledPass() {
    if (delivering) {
      return; // the last pass's removals are still being delivered: a slow listener waits alone
    }
    List<Removal> removed = expireShards();
    if (removed.isEmpty()) {
      return;
    }
    delivering = true;
    try {
      Expirer.deliver(
          () -> {
            try {
              deliverIsolated(removed);
            } finally {
              delivering = false;
            }
          });
    } catch (RuntimeException e) { // rejected: the JVM is shutting down
      delivering = false;
      LOG.warn("store {} could not hand expired entries to a delivery thread", name(), e);
    }
  }

  private List<Removal> expireShards() {
    List<Removal> removed = new ArrayList<>();
    for (Shard shard : shards) {
      if (closed) {
        break;
      }
      try {
        shard.lockWrite();
        try {
          shard.expire(now());
          for (int i = 0; i < Cleaner.BACKGROUND_SEGMENTS && !shard.hasRoom(); i++) {
            if (!shard.clean(Cleaner.BACKGROUND_UTILIZATION)) {
              break;
            }
          }
        } finally {
          List<Removal> shardRemoved = shard.unlockWrite();
          if (shardRemoved != null) {
            removed.addAll(shardRemoved);
          }
        }
      } catch (RuntimeException e) {
        if (!closed) {
          LOG.warn("expiry pass of a shard of store {} failed; the other shards go on", name(), e);
        }
      }
    }
    budget.releaseRetired();
    return removed;
  }

  /** Reports removals to the listener; called with no lock held. */
  void deliver(List<Removal> removed) {
    if (budget.hasRetired()) {
      budget.releaseRetired();
    }
    if (removed == null) {
      return;
    }
    for (Removal r : removed) {
      try {
        config.removalListener().onRemoval(r.key(), r.value(), r.cause());
      } catch (RuntimeException e) {
        LOG.warn("removal listener of store {} failed for cause {}", name(), r.cause(), e);
      }
    }
  }

  /** Like {@link #deliver}, for a background thread: nothing the listener throws stops it. */
  @SuppressWarnings("IllegalCatch")
  private void deliverIsolated(List<Removal> removed) {
    for (Removal r : removed) {
      try {
        config.removalListener().onRemoval(r.key(), r.value(), r.cause());
      } catch (Throwable t) { // an Error too: a listener must not stop expiry for good
        LOG.error("removal listener of store {} failed for cause {}", name(), r.cause(), t);
      }
    }
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true; // readers entering from now on see it and leave
    }
    if (expiry != null) {
      expiry.cancel(false);
    }
    if (log != null) {
      lastFlush();
    }
    barrier.awaitQuiescence();
    for (Shard shard : shards) {
      shard.free(); // waits for writers, the expirer and locked readers in this shard
    }
    budget.releaseAllRetired();
    budget.close();
    if (log != null) {
      log.close();
    }
  }

  /** Stops the flusher and flushes what the store holds, so a clean close loses nothing. */
  private void lastFlush() {
    flusher.shutdown();
    try {
      if (!flusher.awaitTermination(1, TimeUnit.MINUTES)) {
        LOG.warn("store {}: a flush still runs after a minute; closing anyway", name());
      }
      log.flush(this, shards);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn("store {}: interrupted at close: not flushed", name());
    } catch (IOException | RuntimeException e) {
      LOG.error(
          "store {}: the last flush to {} failed: the previous flush's state stays",
          name(),
          config.persistence().directory(),
          e);
    }
  }

  @Override
  public String toString() {
    return "SegmentStore{" + config + '}';
  }
}

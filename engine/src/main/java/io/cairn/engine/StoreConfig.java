package io.cairn.engine;

import io.cairn.engine.index.HashIndex;
import io.cairn.engine.index.IndexDescriptor;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The immutable configuration of a {@link ByteStore}. Build one with {@link #builder(long)}; every
 * value is checked when {@link Builder#build()} is called, and a bad one throws {@link
 * IllegalArgumentException} naming the setting and its value.
 */
public final class StoreConfig {

  /**
   * The default segment size: 256 KiB, a quarter of segcache's 1 MiB, so that the open segments a
   * store fills one per shard and lane stay a small share of what it holds even while it holds
   * little (8 shards of 1 MiB segments left 5.4 bytes per entry of unfilled ends at 1M entries); a
   * larger value gets a large item of its own.
   */
  public static final int DEFAULT_SEGMENT_SIZE = 256 << 10;

  /**
   * The policy a store uses unless told otherwise: TINYLFU, the best of the engine's policies on
   * the hit-ratio traces (docs/eviction.md), within a point of Caffeine's W-TinyLFU.
   */
  public static final EvictionPolicy DEFAULT_EVICTION_POLICY = EvictionPolicy.TINYLFU;

  /** The smallest segment: 4 KiB, one page; smaller ones spend too much on per-segment state. */
  public static final int MIN_SEGMENT_SIZE = 4 << 10;

  /**
   * The largest segment: 8 MiB, what a 21-bit offset in 4-byte units can address in an index slot.
   */
  public static final int MAX_SEGMENT_SIZE = 8 << 20;

  /**
   * The largest item any store accepts, 16 MiB (28 bytes of headers, key and value): its value is
   * then at most 16 MiB - 28 bytes, within the 16 MiB - 1 that the item header's 24-bit value
   * length can say.
   */
  public static final int MAX_ITEM_BYTES = 16 << 20;

  /**
   * The most shards: more only adds active segments and per-shard state without more parallelism.
   */
  public static final int MAX_SHARDS = 256;

  /**
   * How many segments a shard should be able to hold when shards are chosen automatically: enough
   * that its open segments and the cleaner's working room are a small share of it.
   */
  static final int MIN_SEGMENTS_PER_SHARD = 16;

  /**
   * How many segments a store should hold when the segment size is chosen automatically: a 16 MiB
   * cache gets 128 KiB segments, 16 per shard of 8; from 32 MiB on, segments are 256 KiB.
   */
  static final int DEFAULT_SEGMENTS = 128;

  /** segcache's default merge width: four segments merge into the space of one. */
  public static final int DEFAULT_MERGE_SEGMENTS = 4;

  /** segcache's default share of each merged segment that survives: 1/4, so four fit in one. */
  public static final double DEFAULT_MERGE_TARGET_RATIO = 0.25;

  /** segcache's default fill at which a merge stops adding survivors to its destination. */
  public static final double DEFAULT_MERGE_STOP_RATIO = 0.9;

  /** The S3-FIFO paper's admission pool: 10% of the cache. */
  public static final double DEFAULT_S3FIFO_ADMISSION_RATIO = 0.10;

  /**
   * TINYLFU's window share where frequency pays: 3%, measured best on the traces; the policy's
   * simulation switches to an 85% window where recency pays instead.
   */
  public static final double DEFAULT_TINYLFU_WINDOW_RATIO = 0.03;

  /** Reads needed to move from the admission pool to the main pool: one, as in the paper. */
  public static final int DEFAULT_S3FIFO_PROMOTION_THRESHOLD = 1;

  /** Width of the per-item read counter: 3 bits count to 7, enough to rank items for MERGE. */
  public static final int DEFAULT_FREQUENCY_BITS = 3;

  /** The default period of the background expirer, in milliseconds. */
  public static final long DEFAULT_EXPIRATION_INTERVAL_MILLIS = 1_000;

  private final String name;
  private final long capacityBytes;
  private final int segmentSize;
  private final int shards;
  private final EvictionPolicy evictionPolicy;
  private final LongSupplier clock;
  private final long expirationIntervalMillis;
  private final RemovalListener removalListener;
  private final Set<RemovalCause> removalCauses;
  private final int mergeSegments;
  private final double mergeTargetRatio;
  private final double mergeStopRatio;
  private final double s3fifoAdmissionRatio;
  private final int s3fifoPromotionThreshold;
  private final double tinyLfuWindowRatio;
  private final int frequencyBits;
  private final SharedCapacity sharedCapacity;
  private final Persistence persistence;

  private StoreConfig(Builder b) {
    this.name = b.name;
    this.capacityBytes = b.capacityBytes;
    this.segmentSize = b.segmentSize;
    this.shards = b.shards;
    this.evictionPolicy = b.evictionPolicy;
    this.clock = b.clock;
    this.expirationIntervalMillis = b.expirationIntervalMillis;
    this.removalListener = b.removalListener;
    this.removalCauses = EnumSet.copyOf(b.removalCauses);
    this.mergeSegments = b.mergeSegments;
    this.mergeTargetRatio = b.mergeTargetRatio;
    this.mergeStopRatio = b.mergeStopRatio;
    this.s3fifoAdmissionRatio = b.s3fifoAdmissionRatio;
    this.s3fifoPromotionThreshold = b.s3fifoPromotionThreshold;
    this.tinyLfuWindowRatio = b.tinyLfuWindowRatio;
    this.frequencyBits = b.frequencyBits;
    this.sharedCapacity = b.sharedCapacity;
    this.persistence = b.persistence;
  }

  /** A builder for a store bounded to {@code capacityBytes} of native memory. */
  public static Builder builder(long capacityBytes) {
    return new Builder(capacityBytes);
  }

  /** A name for logs and the expirer's diagnostics. */
  public String name() {
    return name;
  }

  /** The bound on native memory: segments and index together. */
  public long capacityBytes() {
    return capacityBytes;
  }

  /**
   * The size of one segment in bytes. Items up to this size share segments; a larger one, up to
   * {@link #maxItemBytes()}, gets a segment of its own.
   */
  public int segmentSize() {
    return segmentSize;
  }

  /**
   * The largest item the store accepts, in bytes: the key, the value and 28 bytes for the headers
   * (the most an item's header and its segment's header can take). It is a quarter of {@link
   * #capacityBytes()} rounded down to a multiple of 8, but at most {@link #MAX_ITEM_BYTES} (16 MiB,
   * what the header's 24-bit value length allows) and never less than {@link #segmentSize()}: it
   * takes a value of up to {@code maxItemBytes - 28 - k} bytes under a key of {@code k} bytes; a
   * larger item throws {@link ItemTooLargeException}. Likewise an item whose key and value are up
   * to {@code segmentSize - 28} bytes goes into a shared segment, a larger one gets its own.
   *
   * <p>An item larger than a segment is stored in a native allocation of its own, exactly its size,
   * counted against the capacity and expired and evicted like a segment; writing it may evict
   * entries of every shard to make room. With a {@link #sharedCapacity()}, it also needs room
   * there, which the store can make only from its own data: a write for which no room can be made
   * throws {@link CapacityException}.
   */
  public long maxItemBytes() {
    return Math.max(segmentSize, (Math.min(capacityBytes / 4, MAX_ITEM_BYTES) & -8L));
  }

  /** The number of shards, a power of two. */
  public int shards() {
    return shards;
  }

  /** The eviction policy every shard uses. */
  public EvictionPolicy evictionPolicy() {
    return evictionPolicy;
  }

  /** The clock in epoch milliseconds that expiry instants are compared with. */
  public LongSupplier clock() {
    return clock;
  }

  /** The background expirer's period in milliseconds; 0 when it is off. */
  public long expirationIntervalMillis() {
    return expirationIntervalMillis;
  }

  /** The removal listener, or {@code null}. */
  public RemovalListener removalListener() {
    return removalListener;
  }

  /** The causes the removal listener is told of (empty if there is no listener). */
  public Set<RemovalCause> removalCauses() {
    return EnumSet.copyOf(removalCauses);
  }

  /** Whether the listener wants to hear of {@code cause}. */
  public boolean notifies(RemovalCause cause) {
    return removalListener != null && removalCauses.contains(cause) && removalListener.wants(cause);
  }

  /** MERGE: how many consecutive segments of a TTL bucket one merge takes. */
  public int mergeSegments() {
    return mergeSegments;
  }

  /** MERGE: the share of a merged segment's bytes that may survive. */
  public double mergeTargetRatio() {
    return mergeTargetRatio;
  }

  /** MERGE: the fill of the destination at which a merge stops taking survivors. */
  public double mergeStopRatio() {
    return mergeStopRatio;
  }

  /** S3FIFO: the admission pool's share of the shard's segments. */
  public double s3fifoAdmissionRatio() {
    return s3fifoAdmissionRatio;
  }

  /** S3FIFO: reads an item needs while in the admission pool to be promoted to the main pool. */
  public int s3fifoPromotionThreshold() {
    return s3fifoPromotionThreshold;
  }

  /** TINYLFU: the window pool's share of the segments while frequency pays (else 85%). */
  public double tinyLfuWindowRatio() {
    return tinyLfuWindowRatio;
  }

  /** The width in bits of the per-item read counter kept in the index slot (1 to 8). */
  public int frequencyBits() {
    return frequencyBits;
  }

  /** The bound shared with other stores, or {@code null} when the store has only its own. */
  public SharedCapacity sharedCapacity() {
    return sharedCapacity;
  }

  /**
   * What the store holds back from the start so that every shard can make progress with nothing to
   * evict: one segment and the smallest index table per shard. It counts against {@link
   * #capacityBytes()} and, when there is one, is reserved in the {@link #sharedCapacity()} when the
   * store opens.
   */
  public long minimumBytes() {
    return minimumBytes(shards, segmentSize);
  }

  private static long minimumBytes(int shards, int segmentSize) {
    return (long) shards * (segmentSize + HashIndex.bytesFor(HashIndex.MIN_BUCKETS));
  }

  /** Where the store keeps its entries across restarts, or null if it keeps them in memory only. */
  public Persistence persistence() {
    return persistence;
  }

  /** A builder preset with this configuration's values. */
  public Builder toBuilder() {
    Builder b = new Builder(capacityBytes);
    b.name = name;
    b.segmentSize = segmentSize;
    b.shards = shards;
    b.evictionPolicy = evictionPolicy;
    b.clock = clock;
    b.expirationIntervalMillis = expirationIntervalMillis;
    b.removalListener = removalListener;
    b.removalCauses = EnumSet.copyOf(removalCauses);
    b.mergeSegments = mergeSegments;
    b.mergeTargetRatio = mergeTargetRatio;
    b.mergeStopRatio = mergeStopRatio;
    b.s3fifoAdmissionRatio = s3fifoAdmissionRatio;
    b.s3fifoPromotionThreshold = s3fifoPromotionThreshold;
    b.tinyLfuWindowRatio = tinyLfuWindowRatio;
    b.frequencyBits = frequencyBits;
    b.sharedCapacity = sharedCapacity;
    b.persistence = persistence;
    return b;
  }

  @Override
  public String toString() {
    return "StoreConfig{name="
        + name
        + ", capacityBytes="
        + capacityBytes
        + ", segmentSize="
        + segmentSize
        + ", shards="
        + shards
        + ", evictionPolicy="
        + evictionPolicy
        + ", expirationIntervalMillis="
        + expirationIntervalMillis
        + ", mergeSegments="
        + mergeSegments
        + ", mergeTargetRatio="
        + mergeTargetRatio
        + ", mergeStopRatio="
        + mergeStopRatio
        + ", s3fifoAdmissionRatio="
        + s3fifoAdmissionRatio
        + ", s3fifoPromotionThreshold="
        + s3fifoPromotionThreshold
        + ", tinyLfuWindowRatio="
        + tinyLfuWindowRatio
        + ", frequencyBits="
        + frequencyBits
        + ", sharedCapacity="
        + sharedCapacity
        + ", persistence="
        + persistence
        + '}';
  }

  /** Builds a {@link StoreConfig}; not thread-safe. */
  public static final class Builder {
    private String name = "cairn";
    private long capacityBytes;
    private int segmentSize; // 0 = choose from the capacity
    private int shards; // 0 = choose from the processors and the capacity
    private EvictionPolicy evictionPolicy = DEFAULT_EVICTION_POLICY;
    private LongSupplier clock = System::currentTimeMillis;
    private long expirationIntervalMillis = DEFAULT_EXPIRATION_INTERVAL_MILLIS;
    private RemovalListener removalListener;
    private Set<RemovalCause> removalCauses = EnumSet.noneOf(RemovalCause.class);
    private int mergeSegments = DEFAULT_MERGE_SEGMENTS;
    private double mergeTargetRatio = DEFAULT_MERGE_TARGET_RATIO;
    private double mergeStopRatio = DEFAULT_MERGE_STOP_RATIO;
    private double s3fifoAdmissionRatio = DEFAULT_S3FIFO_ADMISSION_RATIO;
    private int s3fifoPromotionThreshold = DEFAULT_S3FIFO_PROMOTION_THRESHOLD;
    private double tinyLfuWindowRatio = DEFAULT_TINYLFU_WINDOW_RATIO;
    private int frequencyBits = DEFAULT_FREQUENCY_BITS;
    private SharedCapacity sharedCapacity; // null = bounded by capacityBytes alone
    private Persistence persistence; // null = in memory only

    private Builder(long capacityBytes) {
      this.capacityBytes = capacityBytes;
    }

    /** Sets the bound on native memory, segments and index together. */
    public Builder capacityBytes(long capacityBytes) {
      this.capacityBytes = capacityBytes;
      return this;
    }

    /** Sets the name used in logs. */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Sets the segment size: a multiple of 8 from {@link #MIN_SEGMENT_SIZE} to {@link
     * #MAX_SEGMENT_SIZE}. By default {@link #DEFAULT_SEGMENT_SIZE}, or less for a capacity under 32
     * MiB so that the store holds 128 segments (never under {@link #MIN_SEGMENT_SIZE}).
     */
    public Builder segmentSize(int segmentSize) {
      this.segmentSize = segmentSize;
      return this;
    }

    /** Sets the number of shards, a power of two up to {@link #MAX_SHARDS}. */
    public Builder shards(int shards) {
      this.shards = shards;
      return this;
    }

    /** Sets the eviction policy; {@link #DEFAULT_EVICTION_POLICY} by default. */
    public Builder evictionPolicy(EvictionPolicy evictionPolicy) {
      this.evictionPolicy = Objects.requireNonNull(evictionPolicy, "evictionPolicy");
      return this;
    }

    /** Sets the clock, in epoch milliseconds; {@code System::currentTimeMillis} by default. */
    public Builder clock(LongSupplier clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Sets the background expirer's period in milliseconds; 0 turns it off. */
    public Builder expirationIntervalMillis(long expirationIntervalMillis) {
      this.expirationIntervalMillis = expirationIntervalMillis;
      return this;
    }

    /** Sets the listener told of removals with one of {@code causes}. */
    public Builder removalListener(RemovalListener listener, Set<RemovalCause> causes) {
      this.removalListener = Objects.requireNonNull(listener, "listener");
      this.removalCauses = EnumSet.noneOf(RemovalCause.class);
      this.removalCauses.addAll(Objects.requireNonNull(causes, "causes"));
      return this;
    }

    /** MERGE: segments per merge, at least 2; {@value #DEFAULT_MERGE_SEGMENTS} by default. */
    public Builder mergeSegments(int mergeSegments) {
      this.mergeSegments = mergeSegments;
      return this;
    }

    /** MERGE: share of each merged segment that may survive, in (0, 1]; 0.25 by default. */
    public Builder mergeTargetRatio(double mergeTargetRatio) {
      this.mergeTargetRatio = mergeTargetRatio;
      return this;
    }

    /** MERGE: destination fill that stops a merge, in (0, 1]; 0.9 by default. */
    public Builder mergeStopRatio(double mergeStopRatio) {
      this.mergeStopRatio = mergeStopRatio;
      return this;
    }

    /** S3FIFO: admission pool share of the segments, in (0, 1); 0.10 by default. */
    public Builder s3fifoAdmissionRatio(double s3fifoAdmissionRatio) {
      this.s3fifoAdmissionRatio = s3fifoAdmissionRatio;
      return this;
    }

    /** TINYLFU: window pool share while frequency pays, in (0, 1); 0.03 by default. */
    public Builder tinyLfuWindowRatio(double tinyLfuWindowRatio) {
      this.tinyLfuWindowRatio = tinyLfuWindowRatio;
      return this;
    }

    /** S3FIFO: reads needed for promotion, from 1 to the counter's maximum; 1 by default. */
    public Builder s3fifoPromotionThreshold(int s3fifoPromotionThreshold) {
      this.s3fifoPromotionThreshold = s3fifoPromotionThreshold;
      return this;
    }

    /** Width of the per-item read counter, 1 to 8 bits; 3 by default. */
    public Builder frequencyBits(int frequencyBits) {
      this.frequencyBits = frequencyBits;
      return this;
    }

    /**
     * Sets a bound shared with other stores, on top of this store's own capacity; {@code null} (the
     * default) for none. See {@link SharedCapacity}.
     */
    public Builder sharedCapacity(SharedCapacity sharedCapacity) {
      this.sharedCapacity = sharedCapacity;
      return this;
    }

    /** Keeps the store's entries across restarts as {@code persistence} says; null for none. */
    public Builder persistence(Persistence persistence) {
      this.persistence = persistence;
      return this;
    }

    /** Checks every value and resolves the defaults that depend on the others. */
    public StoreConfig build() {
      if (capacityBytes <= 0) {
        throw new IllegalArgumentException("capacityBytes=" + capacityBytes + " must be positive");
      }
      if (segmentSize == 0) {
        long share = Long.highestOneBit(Math.max(1, capacityBytes / DEFAULT_SEGMENTS));
        segmentSize = (int) Math.max(MIN_SEGMENT_SIZE, Math.min(DEFAULT_SEGMENT_SIZE, share));
      }
      if (segmentSize < MIN_SEGMENT_SIZE
          || segmentSize > MAX_SEGMENT_SIZE
          || segmentSize % 8 != 0) {
        throw new IllegalArgumentException(
            "segmentSize="
                + segmentSize
                + " must be a multiple of 8 from "
                + MIN_SEGMENT_SIZE
                + " to "
                + MAX_SEGMENT_SIZE);
      }
      if (capacityBytes < 2L * segmentSize) {
        throw new IllegalArgumentException(
            "capacityBytes="
                + capacityBytes
                + " must hold at least 2 segments of segmentSize="
                + segmentSize);
      }
      long segments = capacityBytes / segmentSize;
      String holds =
          "capacityBytes="
              + capacityBytes
              + " holds "
              + segments
              + " segments of segmentSize="
              + segmentSize;
      if (segments > IndexDescriptor.MAX_SEGMENTS) {
        throw new IllegalArgumentException(
            holds
                + "; an index slot addresses at most "
                + IndexDescriptor.MAX_SEGMENTS
                + " segments, and one shard may take them all: use larger segments");
      }
      if (shards == 0) {
        int wanted = Integer.highestOneBit(Runtime.getRuntime().availableProcessors() * 4 - 1) << 1;
        shards = Math.min(MAX_SHARDS, wanted);
        while (shards > 1 && segments / shards < MIN_SEGMENTS_PER_SHARD) {
          shards >>>= 1;
        }
      }
      if (shards < 1 || shards > MAX_SHARDS || Integer.bitCount(shards) != 1) {
        throw new IllegalArgumentException(
            "shards=" + shards + " must be a power of two from 1 to " + MAX_SHARDS);
      }
      if (segments < 2L * shards) {
        throw new IllegalArgumentException(
            holds + "; shards=" + shards + " needs at least 2 per shard");
      }
      if (mergeSegments < 2) {
        throw new IllegalArgumentException(
            "mergeSegments=" + mergeSegments + " must be at least 2");
      }
      checkRatio("mergeTargetRatio", mergeTargetRatio, true);
      checkRatio("mergeStopRatio", mergeStopRatio, true);
      checkRatio("s3fifoAdmissionRatio", s3fifoAdmissionRatio, false);
      checkRatio("tinyLfuWindowRatio", tinyLfuWindowRatio, false);
      if (frequencyBits < 1 || frequencyBits > 8) {
        throw new IllegalArgumentException(
            "frequencyBits=" + frequencyBits + " must be from 1 to 8");
      }
      if (s3fifoPromotionThreshold < 1 || s3fifoPromotionThreshold >= 1 << frequencyBits) {
        throw new IllegalArgumentException(
            "s3fifoPromotionThreshold="
                + s3fifoPromotionThreshold
                + " must be from 1 to "
                + ((1 << frequencyBits) - 1)
                + " (what frequencyBits="
                + frequencyBits
                + " can count)");
      }
      if (expirationIntervalMillis < 0) {
        throw new IllegalArgumentException(
            "expirationIntervalMillis=" + expirationIntervalMillis + " must not be negative");
      }
      if (sharedCapacity != null
          && minimumBytes(shards, segmentSize) > sharedCapacity.capacityBytes()) {
        throw new IllegalArgumentException(
            "sharedCapacity="
                + sharedCapacity.capacityBytes()
                + " cannot hold the minimum of one store, "
                + minimumBytes(shards, segmentSize)
                + " bytes (one segment of segmentSize="
                + segmentSize
                + " and the smallest index per shard, shards="
                + shards
                + ")");
      }
      return new StoreConfig(this);
    }

    private static void checkRatio(String name, double value, boolean oneAllowed) {
      if (!(value > 0 && (value < 1 || (oneAllowed && value == 1)))) {
        throw new IllegalArgumentException(
            name + "=" + value + " must be in (0, 1" + (oneAllowed ? "]" : ")"));
      }
    }
  }
}

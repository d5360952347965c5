package io.cairn.engine;

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

  /** The default segment size: 1 MiB, segcache's default, large enough for any ordinary value. */
  public static final int DEFAULT_SEGMENT_SIZE = 1 << 20;

  /** The smallest segment: 4 KiB, one page; smaller ones spend too much on per-segment state. */
  public static final int MIN_SEGMENT_SIZE = 4 << 10;

  /**
   * The largest segment: 8 MiB, what a 20-bit offset in 8-byte units can address in an index slot.
   */
  public static final int MAX_SEGMENT_SIZE = 8 << 20;

  /**
   * The most shards: more only adds active segments and per-shard state without more parallelism.
   */
  public static final int MAX_SHARDS = 256;

  /** How many segments a shard should be able to hold when shards are chosen automatically. */
  static final int MIN_SEGMENTS_PER_SHARD = 8;

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

  /** The size of one segment in bytes; also the largest item (header, key, value) that fits. */
  public int segmentSize() {
    return segmentSize;
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
    return removalListener != null && removalCauses.contains(cause);
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
        + '}';
  }

  /** Builds a {@link StoreConfig}; not thread-safe. */
  public static final class Builder {
    private String name = "cairn";
    private long capacityBytes;
    private int segmentSize; // 0 = choose from the capacity
    private int shards; // 0 = choose from the processors and the capacity
    private EvictionPolicy evictionPolicy = EvictionPolicy.FIFO;
    private LongSupplier clock = System::currentTimeMillis;
    private long expirationIntervalMillis = DEFAULT_EXPIRATION_INTERVAL_MILLIS;
    private RemovalListener removalListener;
    private Set<RemovalCause> removalCauses = EnumSet.noneOf(RemovalCause.class);

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
     * #MAX_SEGMENT_SIZE}. By default {@link #DEFAULT_SEGMENT_SIZE}, or less for a small capacity so
     * that the store holds at least 16 segments.
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

    /** Sets the eviction policy; {@link EvictionPolicy#FIFO} by default. */
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

    /** Checks every value and resolves the defaults that depend on the others. */
    public StoreConfig build() {
      if (capacityBytes <= 0) {
        throw new IllegalArgumentException("capacityBytes=" + capacityBytes + " must be positive");
      }
      if (segmentSize == 0) {
        long sixteenth = Long.highestOneBit(Math.max(1, capacityBytes / 16));
        segmentSize = (int) Math.max(MIN_SEGMENT_SIZE, Math.min(DEFAULT_SEGMENT_SIZE, sixteenth));
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
            "capacityBytes="
                + capacityBytes
                + " holds "
                + segments
                + " segments of segmentSize="
                + segmentSize
                + "; shards="
                + shards
                + " needs at least 2 per shard");
      }
      if (expirationIntervalMillis < 0) {
        throw new IllegalArgumentException(
            "expirationIntervalMillis=" + expirationIntervalMillis + " must not be negative");
      }
      return new StoreConfig(this);
    }
  }
}

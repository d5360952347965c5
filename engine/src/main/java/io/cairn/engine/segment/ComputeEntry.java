package io.cairn.engine.segment;

import static io.cairn.engine.index.HashIndex.NOT_FOUND;

import io.cairn.engine.MutableEntry;
import io.cairn.engine.RemovalCause;
import java.util.Objects;

/**
 * The {@link MutableEntry} a compute function sees: reads go straight to the item under the shard's
 * write lock; the change asked for is recorded and applied by {@link #apply} after the function
 * returns. Confined to the computing thread.
 */
final class ComputeEntry implements MutableEntry {

  private enum Change {
    NONE,
    SET,
    EXPIRY,
    REMOVE
  }

  private final Shard shard;
  private final long position; // of the live item, or NOT_FOUND
  private final long now;
  private Change change = Change.NONE;
  private byte[] newValue;
  private long newExpireAt;

  ComputeEntry(Shard shard, long position, long now) {
    this.shard = shard;
    this.position = position;
    this.now = now;
  }

  @Override
  public boolean exists() {
    return position != NOT_FOUND;
  }

  @Override
  public byte[] value() {
    return exists()
        ? ItemDescriptor.value(shard.segmentAt(position), shard.itemAt(position))
        : null;
  }

  @Override
  public long expireAt() {
    return exists()
        ? ItemDescriptor.expireAt(shard.segmentAt(position), shard.itemAt(position))
        : -1;
  }

  @Override
  public long now() {
    return now;
  }

  @Override
  public void setValue(byte[] value, long expireAt) {
    this.newValue = Objects.requireNonNull(value, "value");
    this.newExpireAt = expireAt;
    this.change = Change.SET;
  }

  @Override
  public void setExpireAt(long expireAt) {
    this.newExpireAt = expireAt;
    this.change = Change.EXPIRY;
  }

  @Override
  public void remove() {
    this.change = Change.REMOVE;
  }

  /** Applies the recorded change. Called under the shard's write lock. */
  void apply(SegmentStore store, byte[] key, long hash) {
    switch (change) {
      case NONE -> {}
      case SET -> {
        store.checkComputedItem(key, newValue);
        shard.write(key, hash, newValue, newExpireAt, now, position);
      }
      case EXPIRY -> {
        if (exists()) {
          shard.setExpiry(position, newExpireAt, now);
        }
      }
      case REMOVE -> {
        if (exists()) {
          shard.delete(position, RemovalCause.EXPLICIT);
        }
      }
    }
  }
}

package io.cairn.hibernate;

import io.cairn.cluster.ClusterTopic;
import io.cairn.cluster.TopicListener;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;
import org.hibernate.cache.CacheException;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.jgroups.Address;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One region factory's side of the protocol: sends the begin and end of invalidations, drops,
 * clears and timestamps on a {@link ClusterTopic}, and applies the other members' to its regions.
 * Without a cluster (the manager's file has no {@code cairn.cluster}) it applies everything here
 * only, and the regions behave as one node's.
 *
 * <p>Every message that changes what another member may serve (BEGIN, DROP, CLEAR, TIMESTAMP) is
 * synchronous: the call returns once every member of the view applied it. END is asynchronous: it
 * lifts a fence (until it arrives a member merely refuses to cache) and drops the key once more,
 * for a member that joined after the BEGIN and so cached the key meanwhile.
 *
 * <p>A member that leaves without saying goodbye, or a merge, lifts that member's marks and clears
 * every fenced and query region here (its last messages may be lost); timestamps are kept, since
 * dropping one would make stale query results look fresh.
 *
 * <p>Threading: thread-safe. Messages are applied on JGroups threads, one sender's in order; sends
 * hold no lock of this class or of {@link KeyFences}.
 */
final class RegionCoherence implements TopicListener {
  private static final Logger LOG = LoggerFactory.getLogger(RegionCoherence.class);

  private final Object self;
  private final LongSupplier clock;
  private final ConcurrentMap<String, FencedRegionStorage> fenced = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, ReplicatedTimestamps> timestamps = new ConcurrentHashMap<>();
  private final List<LocalRegionStorage> queries =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile ClusterTopic topic; // null without a cluster

  /**
   * @param self this member (its address, or any object without a cluster)
   * @param clock the region factory's timestamps
   */
  RegionCoherence(Object self, LongSupplier clock) {
    this.self = self;
    this.clock = clock;
  }

  /** Sends from now on over {@code topic}. */
  void connect(ClusterTopic topic) {
    this.topic = topic;
  }

  Object self() {
    return self;
  }

  void register(FencedRegionStorage region) {
    fenced.put(region.region, region);
  }

  void register(ReplicatedTimestamps region) {
    timestamps.put(region.region, region);
  }

  void registerQueries(LocalRegionStorage region) {
    queries.add(region);
  }

  /** Whether {@code session} has begun invalidating {@code key} of {@code region}. */
  boolean isOpen(SharedSessionContractImplementor session, FencedRegionStorage region, Object key) {
    return session.getCacheTransactionSynchronization() instanceof OpenInvalidations invalidations
        && invalidations.contains(region, key);
  }

  /**
   * Begins invalidating {@code key} for {@code session}'s transaction: marks it here, then on every
   * member; it ends when the transaction completed (committed or not). A session whose cache
   * transaction is not ours (none should be) gets a drop instead, which fences only earlier loads.
   */
  void begin(SharedSessionContractImplementor session, FencedRegionStorage region, Object key) {
    if (!(session.getCacheTransactionSynchronization()
        instanceof OpenInvalidations invalidations)) {
      drop(region, key);
      return;
    }
    invalidations.add(region, key);
    region.fences.begin(self, key, () -> region.dropLocally(key));
    send(new RegionMessage(RegionMessage.Kind.BEGIN, region.region, key, null), true);
  }

  /** Drops {@code key} of {@code region} here and on every member, fencing earlier loads. */
  void drop(FencedRegionStorage region, Object key) {
    region.fences.dropped(key, clock.getAsLong(), () -> region.dropLocally(key));
    send(new RegionMessage(RegionMessage.Kind.DROP, region.region, key, null), true);
  }

  /** Clears {@code region} here and on every member, fencing earlier loads. */
  void clear(FencedRegionStorage region) {
    clearHere(region);
    send(new RegionMessage(RegionMessage.Kind.CLEAR, region.region, null, null), true);
  }

  /** Stores a timestamp on every other member. */
  void replicate(ReplicatedTimestamps region, Object key, Object value) {
    send(new RegionMessage(RegionMessage.Kind.TIMESTAMP, region.region, key, value), true);
  }

  /** Ends this member's invalidation of {@code key}, here and (asynchronously) everywhere. */
  void end(FencedRegionStorage region, Object key) {
    region.fences.end(self, key, clock.getAsLong());
    try {
      send(new RegionMessage(RegionMessage.Kind.END, region.region, key, null), false);
    } catch (RuntimeException e) { // the others keep refusing loads of the key until a view change
      LOG.warn("region {}: end of invalidation could not be sent", region.region, e);
    }
  }

  private void clearHere(FencedRegionStorage region) {
    region.fences.raiseFloor(clock.getAsLong());
    region.clearLocally();
  }

  private void send(RegionMessage message, boolean sync) {
    ClusterTopic current = topic;
    if (current == null) {
      return;
    }
    try {
      current.send(message.encode(), sync);
    } catch (javax.cache.CacheException e) {
      throw new CacheException("region " + message.region() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void received(Address sender, byte[] payload) {
    RegionMessage message = RegionMessage.decode(payload);
    if (message.kind() == RegionMessage.Kind.TIMESTAMP) {
      ReplicatedTimestamps region = timestamps.get(message.region());
      if (region != null) {
        region.storeLocally(message.key(), message.value());
      }
      return;
    }
    FencedRegionStorage region = fenced.get(message.region());
    if (region == null) {
      return; // not cached here: nothing to drop, and no load of it to fence
    }
    Object key = message.key();
    switch (message.kind()) {
      case BEGIN -> region.fences.begin(sender, key, () -> region.dropLocally(key));
      case END -> {
        region.fences.end(sender, key, clock.getAsLong());
        // Nothing here stored the key while it was marked; a member that joined after the BEGIN
        // may have, from a load that read the old row: the drop covers it.
        region.dropLocally(key);
      }
      case DROP -> region.fences.dropped(key, clock.getAsLong(), () -> region.dropLocally(key));
      case CLEAR -> clearHere(region);
      default -> throw new IllegalArgumentException("unexpected " + message.kind());
    }
  }

  @Override
  public void membersLost(Set<Address> lost, boolean merge) {
    LOG.warn(
        "{}: clearing the fenced and query regions {}",
        merge ? "partitions merged" : lost + " left without saying goodbye",
        fenced.keySet());
    long now = clock.getAsLong();
    for (FencedRegionStorage region : fenced.values()) {
      region.fences.forget(lost, now);
      region.clearLocally();
    }
    queries.forEach(LocalRegionStorage::clearLocally);
  }
}

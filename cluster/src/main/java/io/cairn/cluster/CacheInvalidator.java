package io.cairn.cluster;

import io.cairn.jcache.configuration.ClusterMode;
import io.cairn.jcache.spi.CacheExtension;
import io.cairn.jcache.spi.LocalCache;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.cache.CacheException;
import org.jgroups.util.RspList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One clustered cache's side of the protocol: each local change becomes an invalidation numbered in
 * sequence and multicast to the other members; in {@link ClusterMode#INVALIDATE_SYNC} the change
 * returns once every member of the view (as it is when the answers are counted) has answered, which
 * it does after dropping the keys.
 *
 * <p>Threading: thread-safe. The sequence number is taken and the message handed to JGroups under
 * this object's monitor, so messages leave in the order of their numbers; the wait for answers
 * happens outside it, holding nothing.
 */
final class CacheInvalidator implements CacheExtension {
  private static final Logger LOG = LoggerFactory.getLogger(CacheInvalidator.class);

  private final ClusterNode node;
  private final LocalCache local;
  private final boolean sync;
  private long sequence; // guarded by this

  CacheInvalidator(ClusterNode node, LocalCache local) {
    this.node = node;
    this.local = local;
    this.sync = local.clusterMode() == ClusterMode.INVALIDATE_SYNC;
  }

  LocalCache local() {
    return local;
  }

  @Override
  public void written(List<byte[]> keys) {
    send(Invalidation.Kind.KEYS, keys);
  }

  @Override
  public void cleared() {
    send(Invalidation.Kind.CLEAR, List.of());
  }

  @Override
  public void closed() {
    node.closed(this);
  }

  private void send(Invalidation.Kind kind, List<byte[]> keys) {
    CompletableFuture<RspList<Object>> answers;
    try {
      synchronized (this) {
        answers = node.send(new Invalidation(kind, local.name(), ++sequence, keys), sync);
      }
    } catch (Exception e) {
      // the channel is closed or the message cannot leave: no member can be told
      unacknowledged(keys, "cannot be sent: " + e);
      return;
    }
    if (answers != null) {
      await(answers, keys);
    }
  }

  private void await(CompletableFuture<RspList<Object>> answers, List<byte[]> keys) {
    String failure = node.awaitAnswers(answers);
    if (failure != null) {
      unacknowledged(keys, failure);
    }
  }

  /** The sync timeout's outcome: throw, or drop the keys here too, as the settings say. */
  private void unacknowledged(List<byte[]> keys, String what) {
    String message = "invalidation of cache " + local.name() + " " + what;
    if (!sync || node.settings().onSyncTimeout() == SyncTimeoutAction.DROP_LOCAL) {
      LOG.warn("{}; dropping the local copy", message);
      if (keys.isEmpty()) {
        local.invalidateAll();
      } else {
        keys.forEach(local::invalidate);
      }
      return;
    }
    throw new CacheException(message);
  }
}

package io.cairn.cluster;

import io.cairn.jcache.configuration.ClusterMode;
import io.cairn.jcache.spi.CacheExtension;
import io.cairn.jcache.spi.LocalCache;
import io.cairn.jcache.spi.ManagerExtension;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.CacheException;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jgroups.MergeView;
import org.jgroups.Message;
import org.jgroups.Receiver;
import org.jgroups.View;
import org.jgroups.blocks.MessageDispatcher;
import org.jgroups.blocks.RequestHandler;
import org.jgroups.blocks.RequestOptions;
import org.jgroups.blocks.ResponseMode;
import org.jgroups.util.Rsp;
import org.jgroups.util.RspList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cache manager's membership in a JGroups cluster: it sends the invalidations of its clustered
 * caches ({@link CacheInvalidator}) and applies those of the other members to them.
 *
 * <p>What it clears, so that no member serves a value another member changed while a message was
 * lost:
 *
 * <ul>
 *   <li>a cache whose messages from a sender arrive with a gap in their sequence numbers ({@link
 *       SequenceTracker}), or whose first message from a sender is not its first: that cache;
 *   <li>a view from which a member went without saying goodbye (it crashed, or the network split
 *       the cluster): every clustered cache, since that member's last invalidations may not have
 *       arrived (a member that closes says goodbye last, after all its messages);
 *   <li>a merge view (a partition healed): every clustered cache, since each side missed the
 *       other's invalidations.
 * </ul>
 *
 * <p>Unwrap a clustered manager to this class ({@code manager.unwrap(ClusterNode.class)}) to see
 * its view.
 *
 * <p>Threading: thread-safe. Messages from one sender are handled in the order sent, one at a time,
 * on a JGroups thread; dropping a key there waits for that key's change in progress, if any. Views
 * are handled on a JGroups thread too, serialized on this node's monitor.
 */
public final class ClusterNode implements ManagerExtension, RequestHandler, Receiver {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);

  private final ClusterSettings settings;
  private final String source;
  private final JChannel channel;
  private final MessageDispatcher dispatcher;
  private final ConcurrentMap<String, CacheInvalidator> caches = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, TopicListener> topics = new ConcurrentHashMap<>();
  private final ConcurrentMap<ClusterTopic, String> openTopics = new ConcurrentHashMap<>();
  private final SequenceTracker<Address> sequences = new SequenceTracker<>();
  private final Set<Address> saidGoodbye = ConcurrentHashMap.newKeySet();
  private final AtomicLong clears = new AtomicLong();
  private volatile View view; // written under this

  private ClusterNode(ClusterSettings settings, String source, JChannel channel) {
    this.settings = settings;
    this.source = source;
    this.channel = channel;
    this.dispatcher = new MessageDispatcher(channel, this);
    dispatcher.setReceiver(this);
  }

  /**
   * Joins the cluster {@code settings} name.
   *
   * @throws CacheException if the channel cannot be created or connected, naming {@code source}
   */
  static ClusterNode join(ClusterSettings settings, String source) {
    JChannel channel;
    try {
      channel =
          settings.stack() != null
              ? new JChannel(settings.stack())
              : new JChannel(JGroupsStacks.xml(settings));
    } catch (Exception e) {
      throw new CacheException("cairn.cluster of " + source + ": cannot build the stack: " + e, e);
    }
    ClusterNode node = new ClusterNode(settings, source, channel);
    try {
      channel.connect(settings.name());
    } catch (Exception e) {
      node.stop();
      throw new CacheException(
          "cairn.cluster of " + source + ": cannot join " + settings.name() + ": " + e, e);
    }
    LOG.info("{} joined cluster {}: {}", channel.getAddress(), settings.name(), channel.getView());
    return node;
  }

  @Override
  public CacheExtension opened(LocalCache cache) {
    if (cache.clusterMode() == ClusterMode.LOCAL) {
      return null;
    }
    CacheInvalidator invalidator = new CacheInvalidator(this, cache);
    CacheInvalidator previous = caches.putIfAbsent(cache.name(), invalidator);
    if (previous != null && !previous.local().isClosed()) {
      throw new IllegalStateException("cache " + cache.name() + " is open twice in " + source);
    } else if (previous != null) {
      caches.put(cache.name(), invalidator);
    }
    return invalidator;
  }

  /** Forgets a cache that closed. */
  void closed(CacheInvalidator invalidator) {
    caches.remove(invalidator.local().name(), invalidator);
  }

  /**
   * Opens the topic {@code name}: {@code listener} receives what other members send on it.
   *
   * @throws IllegalStateException if the topic is open already on this node
   */
  public ClusterTopic openTopic(String name, TopicListener listener) {
    if (topics.putIfAbsent(name, listener) != null) {
      throw new IllegalStateException("topic " + name + " is open twice in " + source);
    }
    ClusterTopic topic = new ClusterTopic(this, name);
    openTopics.put(topic, name);
    return topic;
  }

  /** Forgets a topic that closed. */
  void closed(ClusterTopic topic) {
    if (openTopics.remove(topic) != null) {
      topics.remove(topic.name());
    }
  }

  /** The settings the node was started with. */
  public ClusterSettings settings() {
    return settings;
  }

  /** The current view. */
  public View view() {
    return view;
  }

  /** This member's address. */
  public Address address() {
    return channel.getAddress();
  }

  /** The channel, for tests that add fault-injecting protocols. Internal. */
  public JChannel channel() {
    return channel;
  }

  /** How many times this node cleared its clustered caches for a view, a merge or a gap. */
  public long clears() {
    return clears.get();
  }

  /**
   * Sends {@code message} to every other member: without waiting if {@code sync} is false, else
   * returning a future of the responses (completed when all arrived, or with what arrived after the
   * sync timeout). Called holding the sending cache's monitor, so that its messages leave in the
   * order of their sequence numbers; sending may block on flow control, never on a response.
   */
  CompletableFuture<RspList<Object>> send(Invalidation message, boolean sync) throws Exception {
    Message msg = new BytesMessage(null, message.encode());
    RequestOptions options =
        (sync
                ? RequestOptions.SYNC().timeout(settings.syncTimeoutMillis())
                : RequestOptions.ASYNC())
            .transientFlags(Message.TransientFlag.DONT_LOOPBACK);
    if (!sync) {
      options.mode(ResponseMode.GET_NONE);
      dispatcher.castMessage(null, msg, options);
      return null;
    }
    return dispatcher.castMessageWithFuture(null, msg, options);
  }

  @Override
  public Object handle(Message msg) {
    if (msg.getSrc() == null || msg.getSrc().equals(channel.getAddress())) {
      return null;
    }
    Invalidation message = Invalidation.decode(msg.getArray(), msg.getOffset(), msg.getLength());
    if (message.kind() == Invalidation.Kind.GOODBYE) {
      saidGoodbye.add(msg.getSrc());
      return null;
    }
    if (message.kind() == Invalidation.Kind.TOPIC) {
      TopicListener listener = topics.get(message.cache());
      if (listener != null) {
        listener.received(msg.getSrc(), message.keys().get(0));
      }
      return null;
    }
    boolean gap = sequences.arrivedWithGap(msg.getSrc(), message.cache(), message.sequence());
    CacheInvalidator cache = caches.get(message.cache());
    if (cache == null) {
      return null;
    }
    if (gap) {
      LOG.warn(
          "cache {}: a message from {} before its number {} was lost; clearing the cache",
          message.cache(),
          msg.getSrc(),
          message.sequence());
      cache.local().invalidateAll();
      clears.incrementAndGet();
    } else if (message.kind() == Invalidation.Kind.CLEAR) {
      cache.local().invalidateAll();
    } else {
      for (byte[] key : message.keys()) {
        cache.local().invalidate(key);
      }
    }
    return null;
  }

  @Override
  public synchronized void viewAccepted(View next) {
    View previous = view;
    view = next;
    if (previous == null) {
      return;
    }
    if (next instanceof MergeView merge) {
      clearAll("the partitions " + merge.getSubgroups() + " merged");
      List<Address> others = new ArrayList<>(next.getMembers());
      others.removeAll(previous.getMembers());
      sequences.resynchronize(others); // their numbers went on while we could not hear them
      topics.values().forEach(listener -> listener.membersLost(Set.of(), true));
      return;
    }
    List<Address> left = new ArrayList<>();
    for (Address member : previous.getMembers()) {
      if (!next.containsMember(member)) {
        left.add(member);
      }
    }
    Set<Address> silent = new HashSet<>(left);
    silent.removeAll(saidGoodbye);
    sequences.forget(left);
    saidGoodbye.removeAll(left);
    if (!silent.isEmpty()) {
      clearAll(silent + " left without saying goodbye");
      Set<Address> lost = Set.copyOf(silent);
      topics.values().forEach(listener -> listener.membersLost(lost, false));
    }
  }

  /**
   * Waits for the answers to a sync message, up to the sync timeout; returns {@code null} if every
   * member still in the view answered, else what went wrong, to finish a sentence that names the
   * message. Holds nothing while it waits.
   */
  String awaitAnswers(CompletableFuture<RspList<Object>> answers) {
    long timeout = settings.syncTimeoutMillis();
    RspList<Object> received;
    try {
      received = answers.get(timeout + 100, TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      return "got no answers within " + timeout + " ms: " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "was interrupted waiting for answers";
    }
    View current = view;
    List<Address> missing = new ArrayList<>();
    for (Map.Entry<Address, Rsp<Object>> answer : received.entrySet()) {
      Address member = answer.getKey();
      if (!answer.getValue().wasReceived() && current != null && current.containsMember(member)) {
        missing.add(member); // a member that left the view serves nothing any more
      }
    }
    return missing.isEmpty()
        ? null
        : "was not acknowledged by " + missing + " within " + timeout + " ms";
  }

  /** Clears every clustered cache of this node, saying why. */
  private void clearAll(String why) {
    if (!caches.isEmpty()) {
      LOG.warn("{} in cluster {}: clearing caches {}", why, settings.name(), caches.keySet());
    }
    for (CacheInvalidator cache : caches.values()) {
      try {
        cache.local().invalidateAll();
      } catch (RuntimeException e) { // closed meanwhile
        LOG.debug("cache {} could not be cleared", cache.local().name(), e);
      }
    }
    clears.incrementAndGet(); // after the caches: one who sees the count sees them cleared
  }

  /** Says goodbye, so that the others need not clear, and leaves the cluster. */
  @Override
  public void close() {
    try {
      if (channel.isConnected()) {
        // Waits for the others (up to the sync timeout) so that each has it, after all our
        // messages, before the view without us arrives from the coordinator.
        CompletableFuture<RspList<Object>> answers = send(Invalidation.goodbye(), true);
        answers.get(settings.syncTimeoutMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.debug("goodbye to cluster {} failed", settings.name(), e);
    }
    stop();
  }

  private void stop() {
    try {
      dispatcher.close();
    } catch (IOException | RuntimeException e) {
      LOG.debug("closing the dispatcher of cluster {} failed", settings.name(), e);
    }
    channel.close();
  }

  @Override
  public String toString() {
    return "ClusterNode{" + settings.name() + ", " + channel.getAddress() + '}';
  }
}

package io.cairn.cluster;

import java.util.concurrent.CompletableFuture;
import javax.cache.CacheException;
import org.jgroups.util.RspList;

/**
 * A named channel for an extension's own messages (the Hibernate region factory's begin and end of
 * invalidations), multicast to the members that opened the same topic. Open one with {@link
 * ClusterNode#openTopic}.
 *
 * <p>Messages of one sender arrive in the order sent. They carry no sequence numbers: a listener
 * learns of members that may have missed messages through {@link TopicListener#membersLost}.
 *
 * <p>Threading: thread-safe; {@link #send} holds no lock while it waits for answers.
 */
public final class ClusterTopic implements AutoCloseable {
  private final ClusterNode node;
  private final String name;

  ClusterTopic(ClusterNode node, String name) {
    this.node = node;
    this.name = name;
  }

  /** The topic's name. */
  public String name() {
    return name;
  }

  /**
   * Sends {@code payload} to every other member; if {@code sync}, returns once every member of the
   * view has handled it (a member that left meanwhile counts as done).
   *
   * @throws CacheException if the message cannot leave, or (sync) a member of the view did not
   *     answer within the node's sync timeout
   */
  public void send(byte[] payload, boolean sync) {
    CompletableFuture<RspList<Object>> answers;
    try {
      answers = node.send(Invalidation.topic(name, payload), sync);
    } catch (Exception e) {
      throw new CacheException("topic " + name + ": message cannot be sent: " + e, e);
    }
    if (answers != null) {
      String failure = node.awaitAnswers(answers);
      if (failure != null) {
        throw new CacheException("topic " + name + ": message " + failure);
      }
    }
  }

  /** Stops delivering this topic's messages to its listener. */
  @Override
  public void close() {
    node.closed(this);
  }
}

package io.cairn.cluster;

import java.util.Set;
import org.jgroups.Address;

/**
 * Receives the messages of one {@link ClusterTopic} from the other members, and hears when members
 * may have missed some of them.
 *
 * <p>Threading: {@link #received} is called on a JGroups thread, for one sender's messages in the
 * order sent and one at a time; a synchronous sender waits until it returns, so it should do its
 * work and return (no network waits). {@link #membersLost} is called on a JGroups thread while the
 * node handles a view, serialized with other views. Implementations must be thread-safe.
 */
public interface TopicListener {

  /** {@code payload} (not to be changed) arrived from the member {@code sender}. */
  void received(Address sender, byte[] payload);

  /**
   * Members left the view without saying goodbye ({@code lost}, with {@code merge} false), or
   * partitions merged ({@code merge} true, {@code lost} empty): messages may have been missed.
   */
  void membersLost(Set<Address> lost, boolean merge);
}

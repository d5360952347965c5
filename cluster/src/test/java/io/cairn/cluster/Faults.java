package io.cairn.cluster;

import java.util.concurrent.atomic.AtomicInteger;
import org.jgroups.Address;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.protocols.DELAY;
import org.jgroups.protocols.DISCARD;
import org.jgroups.protocols.TP;
import org.jgroups.stack.Protocol;
import org.jgroups.stack.ProtocolStack;
import org.jgroups.util.MessageBatch;

/** Faults injected into a running member's JGroups stack, as JGroups' own tests do. */
final class Faults {
  private Faults() {}

  /** Adds a {@link DISCARD} right above the transport of {@code node}, and returns it. */
  static DISCARD discard(ClusterNode node) throws Exception {
    JChannel channel = node.channel();
    DISCARD discard = new DISCARD();
    discard.setAddress(channel.getAddress());
    channel.getProtocolStack().insertProtocol(discard, ProtocolStack.Position.ABOVE, TP.class);
    return discard;
  }

  /** Adds a {@link DELAY} of up to {@code millis} each way right above the transport. */
  static void delay(ClusterNode node, int millis) throws Exception {
    DELAY delay = new DELAY();
    delay.setInDelay(millis);
    delay.setOutDelay(millis);
    delay.init(); // starts the thread that passes delayed messages up; a running stack does not
    node.channel().getProtocolStack().insertProtocol(delay, ProtocolStack.Position.ABOVE, TP.class);
  }

  /** Cuts {@code a} and {@code b} off from each other: each drops what the other sends. */
  static void partition(DISCARD[] discards, ClusterNode[] nodes, int[] sideA, int[] sideB) {
    for (int a : sideA) {
      for (int b : sideB) {
        discards[a].addIgnoreMember(nodes[b].address());
        discards[b].addIgnoreMember(nodes[a].address());
      }
    }
  }

  /**
   * Drops the next {@code count} Cairn invalidations that reach the top of the stack of {@code
   * node}: above JGroups' reliable delivery, so they are lost for good, as a message is when a view
   * change or a bug in between loses it.
   */
  static AtomicInteger dropAboveReliableDelivery(ClusterNode node, int count) {
    AtomicInteger left = new AtomicInteger(count);
    node.channel().getProtocolStack().insertProtocolAtTop(new DropInvalidations(left));
    return left;
  }

  /** Drops Cairn invalidations while its counter is positive. */
  private static final class DropInvalidations extends Protocol {
    private final AtomicInteger left;

    DropInvalidations(AtomicInteger left) {
      this.left = left;
    }

    private boolean drops(Message msg) {
      if (msg.getLength() == 0 || left.get() <= 0) {
        return false;
      }
      try {
        Invalidation message =
            Invalidation.decode(msg.getArray(), msg.getOffset(), msg.getLength());
        return message.kind() != Invalidation.Kind.GOODBYE && left.getAndDecrement() > 0;
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        return false; // not ours (a response, a header-only message)
      }
    }

    @Override
    public Object up(Message msg) {
      return drops(msg) ? null : up_prot.up(msg);
    }

    @Override
    public void up(MessageBatch batch) {
      batch.removeIf(this::drops, true);
      if (!batch.isEmpty()) {
        up_prot.up(batch);
      }
    }
  }

  /** The address of {@code node}, for messages. */
  static Address address(ClusterNode node) {
    return node.address();
  }
}

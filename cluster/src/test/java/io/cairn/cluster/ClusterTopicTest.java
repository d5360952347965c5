package io.cairn.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jgroups.Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An extension's own messages between members, and the members it may have missed them from. */
class ClusterTopicTest {
  @TempDir Path dir;

  /** What one member's listener heard. */
  private static final class Heard implements TopicListener {
    final List<byte[]> payloads = new CopyOnWriteArrayList<>();
    final List<Set<Address>> lost = new CopyOnWriteArrayList<>();

    @Override
    public void received(Address sender, byte[] payload) {
      payloads.add(payload);
    }

    @Override
    public void membersLost(Set<Address> members, boolean merge) {
      lost.add(members);
    }
  }

  @Test
  void send_sync_everyOtherMemberReceivedBeforeItReturns() {
    try (Members members = new Members(dir, 3, "")) {
      Heard[] heard = {new Heard(), new Heard(), new Heard()};
      ClusterTopic[] topics = new ClusterTopic[3];
      for (int i = 0; i < 3; i++) {
        topics[i] = members.node(i).openTopic("t", heard[i]);
      }
      topics[0].send(new byte[] {1, 2, 3}, true);
      assertEquals(0, heard[0].payloads.size(), "the sender does not hear itself");
      for (int i = 1; i < 3; i++) {
        assertEquals(1, heard[i].payloads.size(), "member " + i);
        assertArrayEquals(new byte[] {1, 2, 3}, heard[i].payloads.get(0));
      }
      topics[1].close();
      topics[0].send(new byte[] {4}, true);
      assertEquals(1, heard[1].payloads.size(), "a closed topic hears nothing more");
      assertEquals(2, heard[2].payloads.size());
    }
  }

  @Test
  void openTopic_twice_throws() {
    try (Members members = new Members(dir, 1, "")) {
      members.node(0).openTopic("t", new Heard());
      assertThrows(IllegalStateException.class, () -> members.node(0).openTopic("t", new Heard()));
    }
  }

  @Test
  void memberCrashes_listenersHearWhoWasLost() {
    try (Members members = new Members(dir, 3, "")) {
      Heard heard = new Heard();
      members.node(0).openTopic("t", heard);
      Address crashed = members.node(2).address();
      members.node(2).channel().close();
      Members.await(() -> !heard.lost.isEmpty(), "member 0 heard of the crash");
      assertTrue(heard.lost.get(0).contains(crashed));
    }
  }
}

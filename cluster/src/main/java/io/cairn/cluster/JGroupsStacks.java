package io.cairn.cluster;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The JGroups protocol stack each {@link ClusterSettings.Discovery} gets, written as a JGroups XML
 * configuration: the transport and discovery the settings name, then the protocols every Cairn
 * cluster runs (merging after a partition, failure detection, reliable FIFO multicast and unicast,
 * membership, flow control, fragmentation). JGroups' own {@code tcp.xml} and {@code udp.xml} are
 * the model; the timeouts are shorter, since a member that is not detected as gone may serve stale
 * values until it is (docs/cluster.md).
 *
 * <p>Threading: stateless.
 */
final class JGroupsStacks {
  /** How often a member checks whether the cluster split into several views, at most and least. */
  private static final String MERGE = "<MERGE3 min_interval=\"%dms\" max_interval=\"%dms\"/>";

  private JGroupsStacks() {}

  /** The stack of {@code settings} as XML, for {@code new JChannel(InputStream)}. */
  static InputStream xml(ClusterSettings settings) {
    List<String> protocols = new ArrayList<>();
    long failure = settings.failureTimeoutMillis();
    switch (settings.discovery()) {
      case STATIC -> {
        protocols.add(tcp(settings));
        protocols.add(
            "<TCPPING port_range=\"0\" initial_hosts=\"%s\" return_entire_cache=\"true\"/>"
                .formatted(hosts(settings.members())));
      }
      case JDBC -> {
        protocols.add(tcp(settings));
        ClusterSettings.Jdbc jdbc = settings.jdbc();
        protocols.add(
            ("<JDBC_PING2 connection_url=\"%s\" connection_username=\"%s\""
                    + " connection_password=\"%s\"%s remove_all_data_on_view_change=\"true\""
                    + " register_shutdown_hook=\"false\"/>")
                .formatted(
                    attribute(jdbc.url()),
                    attribute(jdbc.user()),
                    attribute(jdbc.password()),
                    jdbc.driver() == null
                        ? ""
                        : " connection_driver=\"" + attribute(jdbc.driver()) + "\""));
      }
      case MULTICAST -> {
        protocols.add(
            "<UDP bind_addr=\"%s\" mcast_addr=\"%s\" mcast_port=\"%d\" ip_ttl=\"2\"/>"
                .formatted(
                    attribute(settings.bindAddress()),
                    attribute(settings.multicastAddress()),
                    settings.multicastPort()));
        protocols.add("<PING/>");
      }
      case LOOPBACK -> {
        protocols.add("<SHARED_LOOPBACK/>");
        protocols.add("<SHARED_LOOPBACK_PING/>");
      }
    }
    protocols.add(MERGE.formatted(Math.max(100, failure / 10), Math.max(500, failure / 2)));
    if (settings.discovery() != ClusterSettings.Discovery.LOOPBACK) {
      protocols.add("<FD_SOCK2/>");
    }
    protocols.add(
        "<FD_ALL3 timeout=\"%dms\" interval=\"%dms\"/>"
            .formatted(failure, Math.max(50, failure / 4)));
    protocols.add("<VERIFY_SUSPECT2 timeout=\"%dms\"/>".formatted(Math.min(1500, failure / 2)));
    protocols.add(
        "<pbcast.NAKACK2 use_mcast_xmit=\"%b\" xmit_interval=\"200ms\" resend_last_seqno=\"true\"/>"
            .formatted(settings.discovery() == ClusterSettings.Discovery.MULTICAST));
    protocols.add("<UNICAST3 xmit_interval=\"200ms\"/>");
    protocols.add("<pbcast.STABLE desired_avg_gossip=\"1s\" max_bytes=\"4M\"/>");
    protocols.add("<pbcast.GMS print_local_addr=\"false\" join_timeout=\"1s\"/>");
    protocols.add("<MFC max_credits=\"4M\" min_threshold=\"0.4\"/>");
    protocols.add("<UFC max_credits=\"4M\" min_threshold=\"0.4\"/>");
    protocols.add("<FRAG4 frag_size=\"60K\"/>");
    String config =
        "<config xmlns=\"urn:org:jgroups\">\n  " + String.join("\n  ", protocols) + "\n</config>\n";
    return new ByteArrayInputStream(config.getBytes(StandardCharsets.UTF_8));
  }

  private static String tcp(ClusterSettings settings) {
    return "<TCP bind_addr=\"%s\" bind_port=\"%d\" port_range=\"%d\" sock_conn_timeout=\"300ms\"/>"
        .formatted(
            attribute(settings.bindAddress()), settings.bindPort(), settings.portRange() - 1);
  }

  /** {@code host:port} entries in TCPPING's notation, {@code host[port],host[port]}. */
  static String hosts(List<String> members) {
    List<String> hosts = new ArrayList<>(members.size());
    for (String member : members) {
      int colon = member.lastIndexOf(':');
      hosts.add(member.substring(0, colon) + '[' + member.substring(colon + 1) + ']');
    }
    return attribute(String.join(",", hosts));
  }

  /** {@code value} escaped for an XML attribute in double quotes. */
  static String attribute(String value) {
    return value
        .replace("&", "&amp;")
        .replace("\"", "&quot;")
        .replace("<", "&lt;")
        .replace(">", "&gt;");
  }
}

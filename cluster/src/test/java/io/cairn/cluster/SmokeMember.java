package io.cairn.cluster;

import io.cairn.jcache.configuration.ClusterMode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;

/**
 * A cluster member in a JVM of its own, driven line by line on its standard input, for {@link
 * TwoJvmSmokeTest}: {@code put k v}, {@code contains k}, {@code members}, {@code quit}. It answers
 * each command with one line; it joins over TCP on 127.0.0.1 at the port given, with the members at
 * the ports listed after it, and prints {@code ready} once it sees {@code expected} members.
 */
public final class SmokeMember {
  private SmokeMember() {}

  /** Arguments: the expected member count, this member's port, then every member's port. */
  public static void main(String[] args) throws Exception {
    int expected = Integer.parseInt(args[0]);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    try (CacheManager manager = manager(args[1], List.of(args).subList(2, args.length))) {
      Cache<String, String> cache = cache(manager);
      ClusterNode node = manager.unwrap(ClusterNode.class);
      while (node.view().size() < expected) {
        Thread.sleep(20);
      }
      out.println("ready");
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] words = line.trim().split(" ");
        switch (words[0]) {
          case "put" -> {
            cache.put(words[1], words[2]);
            out.println("ok");
          }
          case "contains" -> out.println(cache.containsKey(words[1]));
          case "members" -> out.println(node.view().size());
          case "quit" -> {
            out.println("bye");
            return;
          }
          default -> out.println("unknown " + words[0]);
        }
      }
    }
  }

  /** The invalidate-sync cache "smoke" of {@code manager}. */
  static Cache<String, String> cache(CacheManager manager) {
    return manager.createCache("smoke", Members.configuration(ClusterMode.INVALIDATE_SYNC));
  }

  /** A manager in the cluster "smoke" over TCP, configured by cairn.* properties alone. */
  static CacheManager manager(String port, List<String> ports) {
    Properties properties = new Properties();
    properties.setProperty("cairn.cluster.name", "cairn-smoke-" + ports);
    properties.setProperty("cairn.cluster.bind-address", "127.0.0.1");
    properties.setProperty("cairn.cluster.bind-port", port);
    properties.setProperty("cairn.cluster.port-range", "1");
    properties.put("cairn.cluster.members", ports.stream().map(p -> "127.0.0.1:" + p).toList());
    properties.setProperty("cairn.cluster.sync-timeout", "5s");
    return Caching.getCachingProvider()
        .getCacheManager(
            URI.create("smoke:" + port), SmokeMember.class.getClassLoader(), properties);
  }
}

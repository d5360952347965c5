package io.cairn.examples;

import io.cairn.cluster.ClusterNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;

/**
 * One of two cluster nodes on this machine, sharing the cache {@code greetings} in {@code
 * invalidate-sync} mode (classpath:cluster-example.conf). Type {@code put KEY VALUE} or {@code get
 * KEY} in either terminal; a put on one node drops that key from the other, which prints so.
 *
 * <p>Run from the repository root, in two terminals, the second once the first is up: {@code mvn -q
 * -pl examples -am compile exec:java@node -Dnode=1}, then the same with {@code -Dnode=2}.
 */
public final class TwoNodes {
  /** How often the watcher looks at the keys this node holds, in milliseconds. */
  private static final long WATCH_MILLIS = 200;

  private TwoNodes() {}

  /** Runs node {@code args[0]} (1 or 2) until {@code quit} or the end of its input. */
  public static void main(String[] args) throws Exception {
    int node = args.length == 0 ? 1 : Integer.parseInt(args[0].trim());
    if (node != 1 && node != 2) {
      throw new IllegalArgumentException("node must be 1 or 2, not " + node);
    }
    Properties properties = new Properties();
    properties.setProperty("cairn.cluster.bind-port", Integer.toString(7799 + node));
    try (CacheManager manager =
        Caching.getCachingProvider()
            .getCacheManager(
                URI.create("classpath:cluster-example.conf"),
                TwoNodes.class.getClassLoader(),
                properties)) {
      Cache<String, String> greetings = manager.getCache("greetings", String.class, String.class);
      ClusterNode cluster = manager.unwrap(ClusterNode.class);
      System.out.println("node " + node + " joined: " + cluster.view());
      System.out.println("type: put KEY VALUE | get KEY | quit");
      Map<String, String> held = new ConcurrentHashMap<>();
      Thread watcher = new Thread(() -> watch(greetings, cluster, held), "watcher");
      watcher.setDaemon(true);
      watcher.start();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] words = line.trim().split("\\s+", 3);
        if (words[0].equals("quit")) {
          break;
        } else if (words[0].equals("put") && words.length == 3) {
          greetings.put(words[1], words[2]); // returns once the other node dropped its copy
          held.put(words[1], words[2]);
          System.out.println("put " + words[1] + " = " + words[2]);
        } else if (words[0].equals("get") && words.length == 2) {
          String value = greetings.get(words[1]);
          System.out.println(words[1] + " = " + (value == null ? "(not cached here)" : value));
        } else if (!words[0].isEmpty()) {
          System.out.println("type: put KEY VALUE | get KEY | quit");
        }
      }
    }
  }

  /** Prints when the view changes and when a key this node put is dropped by the other node. */
  private static void watch(
      Cache<String, String> greetings, ClusterNode cluster, Map<String, String> held) {
    int members = cluster.view().size();
    while (!greetings.isClosed()) {
      try {
        Thread.sleep(WATCH_MILLIS);
        if (cluster.view().size() != members) {
          members = cluster.view().size();
          System.out.println("members now: " + cluster.view());
        }
        for (Map.Entry<String, String> entry : held.entrySet()) {
          if (!greetings.containsKey(entry.getKey())) {
            held.remove(entry.getKey());
            System.out.println(
                entry.getKey()
                    + " = "
                    + entry.getValue()
                    + " was dropped here: the other node"
                    + " changed it (get "
                    + entry.getKey()
                    + " to see it is gone)");
          }
        }
      } catch (InterruptedException e) {
        return;
      } catch (IllegalStateException e) {
        return; // closed while looking
      }
    }
  }
}

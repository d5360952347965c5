package io.cairn.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two JVMs over TCP on 127.0.0.1 with static discovery: this one and a child it starts ({@link
 * SmokeMember}); a synchronous write on either leaves the other without its old copy.
 */
class TwoJvmSmokeTest {

  /** The child's next line, waiting up to 30 s (it may have to find us first). */
  private static String reply(BlockingQueue<String> replies) throws InterruptedException {
    String line = replies.poll(30, TimeUnit.SECONDS);
    assertNotNull(line, "the child answered within 30 s (its log: target/smoke-member.log)");
    return line;
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void put_syncOnEitherJvm_dropsTheOthersCopy() throws Exception {
    String mine = Integer.toString(Members.freePort());
    String childs = Integer.toString(Members.freePort());
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(SmokeMember.class.getName());
    command.addAll(List.of("2", childs, mine, childs));
    Process child =
        new ProcessBuilder(command)
            .redirectError(Path.of("target", "smoke-member.log").toFile())
            .start();
    BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(replies::add);
              } catch (IOException | UncheckedIOException e) {
                replies.add("failed: " + e);
              }
            });
    reader.setDaemon(true);
    reader.start();
    try (CacheManager manager = SmokeMember.manager(mine, List.of(mine, childs));
        PrintWriter commands =
            new PrintWriter(
                new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8), true)) {
      Cache<String, String> cache = SmokeMember.cache(manager);
      assertEquals("ready", reply(replies));
      assertEquals(2, manager.unwrap(ClusterNode.class).view().size());

      commands.println("put k from-child");
      assertEquals("ok", reply(replies));
      cache.put("k", "from-parent"); // returns once the child dropped its copy
      commands.println("contains k");
      assertEquals("false", reply(replies));

      commands.println("put k again-from-child");
      assertEquals("ok", reply(replies));
      assertFalse(cache.containsKey("k"), "the child's write dropped the parent's copy");
      cache.put("other", "x");
      commands.println("contains k");
      assertEquals("true", reply(replies), "a key no one else wrote stays");

      commands.println("quit");
      assertEquals("bye", reply(replies));
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
      assertEquals(0, child.exitValue());
    } finally {
      child.destroyForcibly();
    }
  }
}

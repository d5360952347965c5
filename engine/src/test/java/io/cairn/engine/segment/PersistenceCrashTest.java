package io.cairn.engine.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.cairn.engine.ByteStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Crash consistency with real crashes: a child JVM runs {@link CrashWorkload} against a persistent
 * store and is killed with SIGKILL at a random moment; the store is then reopened here and must
 * hold exactly the state the writer had after some operation at or after its last acknowledged
 * flush, every value intact. Then the next writer starts from that restored state, so each
 * directory is crashed and restored many times. Rounds: {@code -Dcairn.crash.rounds} (default 6).
 *
 * <p>With a long flush interval only the writer's own flushes commit, at operation counts it
 * prints; with a short one the background flusher also commits at any moment in between.
 */
class PersistenceCrashTest {

  private static final int ROUNDS = Integer.getInteger("cairn.crash.rounds", 6);

  @TempDir Path dir;

  @ParameterizedTest(name = "flush interval {0} ms")
  @ValueSource(longs = {3_600_000, 5})
  void killedWriter_reopens_atAStateItPassedThroughAtOrAfterItsLastFlush(long flushInterval)
      throws Exception {
    Random random = new Random();
    byte[][] state = new byte[CrashWorkload.KEYS][]; // the verified state: empty at first
    long[] expiry = new long[CrashWorkload.KEYS];
    for (int round = 0; round < ROUNDS; round++) {
      long seed = random.nextLong();
      int acknowledged = runAndKill(seed, flushInterval, 200 + random.nextInt(1_200));
      try (ByteStore store = ByteStore.open(CrashWorkload.config(dir, 3_600_000))) {
        byte[][] restored = new byte[CrashWorkload.KEYS][];
        long[] restoredExpiry = new long[CrashWorkload.KEYS];
        for (int k = 0; k < CrashWorkload.KEYS; k++) {
          restored[k] = store.get(CrashWorkload.key(k));
          restoredExpiry[k] = restored[k] == null ? 0 : store.expiryOf(CrashWorkload.key(k));
        }
        assertEquals(count(restored), store.size(), "round " + round + ": no other keys");
        int at = matchingState(seed, state, expiry, restored, restoredExpiry, acknowledged);
        if (at < 0) {
          fail(
              "round "
                  + round
                  + " (seed "
                  + seed
                  + "): the reopened store matches no state of"
                  + " the writer at or after its last flush, operation "
                  + acknowledged);
        }
        state = restored;
        expiry = restoredExpiry;
      }
    }
  }

  private static int count(byte[][] values) {
    return (int) Arrays.stream(values).filter(v -> v != null).count();
  }

  /** Starts a writer, kills it after {@code millis} of work; returns its last flushed op count. */
  private int runAndKill(long seed, long flushInterval, long millis) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // The writer runs on this JVM's memory backend: the JDK 25 run's foreign one, Unsafe denied.
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("-Dcairn.") || arg.startsWith("--sun-misc-unsafe-memory-access")) {
        command.add(arg);
      }
    }
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            CrashWorkload.class.getName(),
            dir.toString(),
            Long.toString(seed),
            Long.toString(flushInterval)));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    AtomicInteger flushed = new AtomicInteger();
    AtomicInteger opened = new AtomicInteger();
    StringBuilder output = new StringBuilder();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  if (line.startsWith("FLUSHED ")) {
                    flushed.set(Integer.parseInt(line.substring(8)));
                  } else if (line.equals("OPEN")) {
                    opened.set(1);
                  } else {
                    synchronized (output) {
                      output.append(line).append('\n');
                    }
                  }
                }
              } catch (IOException e) {
                // the pipe closes when the writer is killed
              }
            });
    reader.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (opened.get() == 0 && process.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    Thread.sleep(millis);
    int beforeKill = flushed.get(); // acknowledged before the kill: certainly durable
    process.destroyForcibly(); // SIGKILL
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the writer died");
    reader.join(10_000);
    synchronized (output) {
      assertTrue(opened.get() == 1, "the writer opened its store:\n" + output);
      assertEquals(137, process.exitValue(), "killed, not failed:\n" + output);
      assertFalse(output.toString().contains("WARNING"), "the writer warned:\n" + output);
    }
    return beforeKill;
  }

  /**
   * The first operation count, from {@code acknowledged} on, after which the writer of {@code
   * seed}, started from {@code state}, held exactly {@code restored}; -1 if none.
   */
  private static int matchingState(
      long seed,
      byte[][] state,
      long[] expiry,
      byte[][] restored,
      long[] restoredExpiry,
      int acknowledged) {
    byte[][] model = state.clone();
    long[] modelExpiry = expiry.clone();
    int mismatches = 0;
    for (int k = 0; k < model.length; k++) {
      mismatches += same(model, modelExpiry, restored, restoredExpiry, k) ? 0 : 1;
    }
    CrashWorkload workload = new CrashWorkload(seed);
    for (int j = 0; j <= CrashWorkload.MAX_OPS; j++) {
      if (j >= acknowledged && mismatches == 0) {
        return j;
      }
      if (j == CrashWorkload.MAX_OPS) {
        break;
      }
      CrashWorkload.Op op = workload.next(j);
      int k = op.key();
      boolean before = same(model, modelExpiry, restored, restoredExpiry, k);
      if (op.remove()) {
        model[k] = null;
      } else if (op.value() != null) {
        model[k] = op.value();
        modelExpiry[k] = op.expireAt();
      } else if (model[k] != null) {
        modelExpiry[k] = op.expireAt();
      }
      boolean after = same(model, modelExpiry, restored, restoredExpiry, k);
      mismatches += (before ? 1 : 0) - (after ? 1 : 0);
    }
    return -1;
  }

  private static boolean same(byte[][] a, long[] ea, byte[][] b, long[] eb, int k) {
    if (a[k] == null || b[k] == null) {
      return a[k] == b[k];
    }
    return Arrays.equals(a[k], b[k]) && ea[k] == eb[k];
  }
}

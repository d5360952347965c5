package io.cairn.benchmarks.hitratio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightedReplayTest {

  @TempDir Path dir;

  @Test
  void run_smallObjectsAndOneTooLarge_hitsByBytesAndRefusesTheLargeOne() throws IOException {
    StringBuilder trace = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      trace.append(i).append(' ').append(i % 10).append(" 1000\n"); // 10 objects of 1000 B
    }
    trace.append("100 99 200000\n"); // larger than a 128 KiB segment
    Path file = dir.resolve("adapt_size__tiny.trace");
    Files.writeString(file, trace.toString());

    List<WeightedReplay.Outcome> outcomes = WeightedReplay.run(file, List.of("FIFO"));

    assertEquals(WeightedReplay.CAPACITIES_MIB.size() * 3, outcomes.size()); // FIFO, LRU, Caffeine
    for (WeightedReplay.Outcome o : outcomes) {
      assertEquals(101, o.requests(), o.toString());
      assertEquals(90, o.hits(), o.toString());
      assertEquals(90_000, o.bytesHit(), o.toString());
      assertEquals(300_000, o.bytesRequested(), o.toString());
      assertEquals(1, o.refused(), o.toString());
      assertEquals(o.policy().equals("FIFO") ? 1 : 0, o.segmentsHeld(), o.toString());
    }
    String md = WeightedReplay.markdown(outcomes);
    assertTrue(md.contains("| 8 MiB | 30.00 / 89.11 | 30.00 / 89.11 | 30.00 / 89.11 |"), md);
    assertTrue(md.contains("count as misses: 1 of 101 requests, 66.7% of the bytes"), md);
  }
}

package io.cairn.benchmarks.hitratio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.EvictionPolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HitRatioSimulatorTest {

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @TempDir Path dir;

  @Test
  void main_tinyTraces_writesCsvMarkdownAndCharts() throws Exception {
    Path traces = Files.createDirectories(dir.resolve("traces"));
    Path docs = Files.createDirectories(dir.resolve("docs"));
    gzip(traces.resolve("lirs__one.trace.gz"), 300);
    gzip(traces.resolve("lirs__two.trace.gz"), 3000);
    Files.writeString(
        docs.resolve("eviction.md"), "prose\n" + Report.BEGIN + "\n" + Report.END + "\nmore\n");

    HitRatioSimulator.main(
        new String[] {
          "--traces", traces.toString(), "--docs", docs.toString(), "--policies", "FIFO,LRU"
        });

    List<String> csv = Files.readAllLines(docs.resolve(HitRatioSimulator.CSV_FILE));
    assertEquals(1 + 2 * 4 * 2, csv.size()); // header; 2 traces x 4 default sizes x 2 caches
    String md = Files.readString(docs.resolve(HitRatioSimulator.MARKDOWN_FILE));
    assertTrue(md.startsWith("prose\n" + Report.BEGIN + "\nHit ratio"), md);
    assertTrue(md.endsWith(Report.END + "\nmore\n"), md);
    assertTrue(md.contains("| one | 250 |"), md);
    assertTrue(md.contains("Sanity: every engine replay"), md);
    for (String png : List.of(HitRatioSimulator.CHART_FILE, HitRatioSimulator.SIZE_CHART_FILE)) {
      byte[] bytes = Files.readAllBytes(docs.resolve(png));
      assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, PNG_SIGNATURE.length), png);
    }
  }

  @Test
  void main_unknownOption_refused() {
    assertThrows(
        IllegalArgumentException.class, () -> HitRatioSimulator.main(new String[] {"--x", "1"}));
    assertThrows(
        IllegalArgumentException.class, () -> HitRatioSimulator.main(new String[] {"--only"}));
  }

  @Test
  void caches_everyEnginePolicyThenTheReferences() {
    List<String> enginePolicies = new ArrayList<>();
    List<CacheFactory> all = HitRatioSimulator.caches(Set.of(), 100, enginePolicies);
    List<String> expected = new ArrayList<>();
    for (EvictionPolicy policy : EvictionPolicy.values()) {
      expected.add(policy.name());
    }
    assertEquals(expected, enginePolicies);
    expected.addAll(List.of("LRU", "S3-FIFO", "Caffeine"));
    assertEquals(expected, all.stream().map(CacheFactory::name).toList());
  }

  @Test
  void caches_filtered_onlyThoseNamed() {
    List<String> enginePolicies = new ArrayList<>();
    List<CacheFactory> chosen =
        HitRatioSimulator.caches(Set.of("FIFO", "Caffeine"), 100, enginePolicies);
    assertEquals(List.of("FIFO", "Caffeine"), chosen.stream().map(CacheFactory::name).toList());
    assertEquals(List.of("FIFO"), enginePolicies);
    assertThrows(
        IllegalArgumentException.class,
        () -> HitRatioSimulator.caches(Set.of("NOPE"), 100, new ArrayList<>()));
  }

  /** A LIRS trace cycling over {@code keys} keys, 5000 requests. */
  private static void gzip(Path file, int keys) throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      text.append(i % keys).append('\n');
    }
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(text.toString().getBytes(StandardCharsets.US_ASCII));
    }
  }
}

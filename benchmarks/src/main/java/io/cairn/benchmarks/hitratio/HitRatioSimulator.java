package io.cairn.benchmarks.hitratio;

import io.cairn.engine.EvictionPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Replays every trace at each of its sizes through the engine under every {@link EvictionPolicy},
 * and through LRU, S3-FIFO and Caffeine, then writes {@code eviction-results.csv}, the results
 * section of {@code eviction.md} and the charts into the docs directory.
 *
 * <p>Run from the repository root. Options (all optional):
 *
 * <ul>
 *   <li>{@code --traces DIR}: the trace directory; default the system property {@code
 *       cairn.traces}, else {@code ../shared/traces}
 *   <li>{@code --docs DIR}: where to write; default {@code docs}
 *   <li>{@code --only NAME,...}: replay only these traces (e.g. {@code gli,loop}); the results are
 *       printed, and written only if {@code --docs} is given too
 *   <li>{@code --policies NAME,...}: only these caches (e.g. {@code FIFO,LRU})
 *   <li>{@code --threads N}: replays run in parallel; default 2 (or fewer processors)
 *   <li>{@code --segments N}: the segment count the engine is sized for where the cache size
 *       allows; default 100 (see {@link EngineGeometry#forEntries(int, int)})
 * </ul>
 */
public final class HitRatioSimulator {

  /** Name of the results CSV in the docs directory. */
  static final String CSV_FILE = "eviction-results.csv";

  /** Name of the Markdown page whose results section is rewritten. */
  static final String MARKDOWN_FILE = "eviction.md";

  /** Name of the bar chart of mean hit ratio per trace and policy. */
  static final String CHART_FILE = "eviction-hit-ratio.png";

  /** Name of the grid of hit ratio against size, one chart per trace. */
  static final String SIZE_CHART_FILE = "eviction-hit-ratio-by-size.png";

  private HitRatioSimulator() {}

  /** Runs the simulator; see the class comment for the options. */
  public static void main(String[] args) throws IOException, InterruptedException {
    Options options = Options.parse(args);
    List<Trace> traces = new ArrayList<>();
    for (Trace trace : Trace.in(options.traces())) {
      if (options.only().isEmpty() || options.only().contains(trace.name())) {
        traces.add(trace);
      }
    }
    if (traces.isEmpty()) {
      throw new IllegalArgumentException("--only " + options.only() + " matches no trace");
    }
    List<String> enginePolicies = new ArrayList<>();
    List<CacheFactory> caches = caches(options.policies(), options.segments(), enginePolicies);
    System.out.printf(
        Locale.ROOT,
        "%d traces from %s; caches: %s; %d threads%n",
        traces.size(),
        options.traces(),
        caches.stream().map(CacheFactory::name).collect(Collectors.joining(", ")),
        options.threads());

    long start = System.nanoTime();
    ResultTable table = new ResultTable(runAll(traces, caches, options.threads()));
    String weighted = "";
    for (Trace trace : traces) {
      if (trace.format() == TraceFormat.ADAPTSIZE && options.policies().isEmpty()) {
        System.out.println("weighted replay of " + trace.name());
        weighted = WeightedReplay.markdown(WeightedReplay.run(trace.path(), enginePolicies));
      }
    }
    System.out.printf(Locale.ROOT, "done in %.1f s%n", (System.nanoTime() - start) / 1e9);
    for (String policy : table.policies()) {
      System.out.printf(
          Locale.ROOT, "  mean %-9s %s%n", policy, Report.percent(table.mean(policy)));
    }
    table.problems().forEach(p -> System.out.println("PROBLEM " + p));

    if (options.writeDocs()) {
      Path docs = options.docs();
      Files.createDirectories(docs);
      Files.writeString(docs.resolve(CSV_FILE), Report.csv(table), StandardCharsets.UTF_8);
      Report.replaceSection(
          docs.resolve(MARKDOWN_FILE),
          Report.markdown(table, enginePolicies, CHART_FILE) + weighted);
      HitRatioChart.meanPerTrace(table, docs.resolve(CHART_FILE));
      HitRatioChart.perTraceBySize(table, docs.resolve(SIZE_CHART_FILE));
      System.out.println("wrote " + CSV_FILE + ", " + MARKDOWN_FILE + " and charts in " + docs);
    } else {
      System.out.print(Report.markdown(table, enginePolicies, CHART_FILE) + weighted);
    }
  }

  /**
   * A factory per cache to simulate: the engine under each policy (whatever {@link EvictionPolicy}
   * holds today), sized for about {@code segments} segments, then the references LRU, S3-FIFO and
   * Caffeine; only those named in {@code wanted} unless it is empty. Adds the engine policies'
   * names to {@code enginePolicies}.
   */
  static List<CacheFactory> caches(Set<String> wanted, int segments, List<String> enginePolicies) {
    List<CacheFactory> all = new ArrayList<>();
    for (EvictionPolicy policy : EvictionPolicy.values()) {
      all.add(
          new CacheFactory(
              policy.name(),
              true,
              size -> new EngineCache(policy, EngineGeometry.forEntries(size, segments))));
    }
    all.add(new CacheFactory("LRU", false, LruCache::new));
    all.add(new CacheFactory("S3-FIFO", false, S3FifoCache::new));
    all.add(new CacheFactory("Caffeine", false, CaffeineCache::new));
    if (wanted.contains("S3-FIFO-engine-ghost")) { // an experiment, only when asked for by name
      all.add(new CacheFactory("S3-FIFO-engine-ghost", false, S3FifoCache::engineLikeGhost));
    }
    List<CacheFactory> chosen = new ArrayList<>();
    for (CacheFactory factory : all) {
      if (wanted.isEmpty() || wanted.contains(factory.name())) {
        chosen.add(factory);
        if (factory.engine()) {
          enginePolicies.add(factory.name());
        }
      }
    }
    if (chosen.isEmpty()) {
      throw new IllegalArgumentException("--policies " + wanted + " matches no cache");
    }
    return chosen;
  }

  /** One replay per trace and size, the largest files first; results in trace and size order. */
  private static List<Result> runAll(List<Trace> traces, List<CacheFactory> caches, int threads)
      throws IOException, InterruptedException {
    record Task(Trace trace, int size, long cost) {}
    List<Task> tasks = new ArrayList<>();
    for (Trace trace : traces) {
      long cost = Files.size(trace.path());
      for (int size : trace.sizes()) {
        tasks.add(new Task(trace, size, cost));
      }
    }
    List<Task> byCost = new ArrayList<>(tasks);
    byCost.sort(Comparator.comparingLong(Task::cost).thenComparingInt(Task::size).reversed());
    AtomicInteger done = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<Result>>> futures = new ArrayList<>();
      for (Task task : tasks) {
        futures.add(null);
      }
      for (Task task : byCost) {
        futures.set(
            tasks.indexOf(task),
            pool.submit(
                () -> {
                  long start = System.nanoTime();
                  List<Result> results = Replay.run(task.trace(), task.size(), caches);
                  progress(
                      done.incrementAndGet(),
                      tasks.size(),
                      task.trace(),
                      task.size(),
                      results,
                      System.nanoTime() - start);
                  return results;
                }));
      }
      List<Result> results = new ArrayList<>();
      for (Future<List<Result>> future : futures) {
        results.addAll(future.get());
      }
      return results;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException("a replay failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static void progress(
      int done, int total, Trace trace, int size, List<Result> results, long nanos) {
    String ratios =
        results.stream()
            .map(r -> r.policy() + " " + Report.percent(r.hitRatio()))
            .collect(Collectors.joining("  "));
    System.out.printf(
        Locale.ROOT,
        "[%2d/%d] %-14s %6d  %s  (%.1f s)%n",
        done,
        total,
        trace.name(),
        size,
        ratios,
        nanos / 1e9);
  }

  /** The parsed command line. */
  private record Options(
      Path traces,
      Path docs,
      boolean writeDocs,
      Set<String> only,
      Set<String> policies,
      int threads,
      int segments) {

    static Options parse(String[] args) {
      Path traces = Path.of(System.getProperty("cairn.traces", "../shared/traces"));
      Path docs = Path.of("docs");
      boolean docsGiven = false;
      Set<String> only = Set.of();
      Set<String> policies = Set.of();
      int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
      int segments = EngineGeometry.PREFERRED_SEGMENTS;
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : null;
        if (value == null) {
          throw new IllegalArgumentException("option " + args[i] + " needs a value");
        }
        switch (args[i]) {
          case "--traces" -> traces = Path.of(value);
          case "--docs" -> {
            docs = Path.of(value);
            docsGiven = true;
          }
          case "--only" -> only = names(value);
          case "--policies" -> policies = names(value);
          case "--threads" -> threads = Integer.parseInt(value);
          case "--segments" -> segments = Integer.parseInt(value);
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
        i++;
      }
      if (threads < 1) {
        throw new IllegalArgumentException("--threads " + threads + " must be positive");
      }
      return new Options(
          traces, docs, only.isEmpty() || docsGiven, only, policies, threads, segments);
    }

    private static Set<String> names(String list) {
      return new LinkedHashSet<>(Arrays.asList(list.split(",")));
    }
  }
}

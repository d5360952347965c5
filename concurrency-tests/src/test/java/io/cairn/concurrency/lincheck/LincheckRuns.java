package io.cairn.concurrency.lincheck;

import org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Options;
import org.jetbrains.lincheck.datastructures.StressOptions;

/**
 * How long Lincheck runs. The test command runs a short check (a few scenarios of two threads with
 * two or three operations each); {@code -Dlincheck.long=true} runs Lincheck's defaults-sized check:
 * many more scenarios, more operations per thread, a third thread.
 */
final class LincheckRuns {

  /** Whether the long run was asked for. */
  static final boolean LONG = Boolean.getBoolean("lincheck.long");

  private LincheckRuns() {}

  /**
   * Model checking with every call into the engine's {@code memory} package, and into TINYLFU's
   * window models (see below), treated as one atomic step: Lincheck 3.7's model checker fails on
   * {@code Unsafe}'s raw-address accessors ("Expected at least 2 arguments, but got 1" in {@code
   * getUnsafeAccessInfo}). Each native read or write stays a switch point, so the interleavings of
   * native accesses are still explored; what is not is a switch inside one access, which a single
   * aligned access cannot have.
   */
  static ModelCheckingOptions modelChecking() {
    ModelCheckingOptions options =
        new ModelCheckingOptions()
            .addGuarantee(
                ManagedStrategyGuaranteeKt.forClasses(
                        "io.cairn.engine.memory.MemoryRegion",
                        "io.cairn.engine.memory.NativeMemory")
                    .allMethods()
                    .treatAsAtomic())
            // TINYLFU's window models: policy state, changed under the shard lock or by benign
            // racy sample stores, never part of what an operation returns. Their drain scans 512
            // sample slots per insert until the shard first evicts, which the model checker
            // would otherwise report as a livelock (and abandon with the shard lock held).
            .addGuarantee(
                ManagedStrategyGuaranteeKt.forClasses(
                        "io.cairn.engine.segment.WindowSimulation",
                        "io.cairn.engine.segment.MiniTinyLfu")
                    .allMethods()
                    .treatAsAtomic());
    return LONG
        ? sized(options, 100, 3, 3).invocationsPerIteration(10_000)
        : sized(options, 4, 2, 2).invocationsPerIteration(120);
  }

  static StressOptions stress() {
    StressOptions options = new StressOptions();
    return LONG
        ? sized(options, 100, 3, 4).invocationsPerIteration(10_000)
        : sized(options, 4, 2, 3).invocationsPerIteration(250);
  }

  private static <O extends Options<O, ?>> O sized(
      O options, int iterations, int threads, int actorsPerThread) {
    return options
        .iterations(iterations)
        .threads(threads)
        .actorsPerThread(actorsPerThread)
        .actorsBefore(2)
        .actorsAfter(1);
  }

  /**
   * Runs {@code options} against {@code test}; throws {@code LincheckAssertionError} on failure.
   */
  static void check(Options<?, ?> options, Class<?> test) {
    options.check(test);
  }
}

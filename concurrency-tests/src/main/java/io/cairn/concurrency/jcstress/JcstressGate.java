package io.cairn.concurrency.jcstress;

import java.util.ArrayList;
import java.util.List;
import org.openjdk.jcstress.JCStress;
import org.openjdk.jcstress.Options;
import org.openjdk.jcstress.infra.Status;
import org.openjdk.jcstress.infra.collectors.DiskReadCollector;
import org.openjdk.jcstress.infra.collectors.InProcessCollector;
import org.openjdk.jcstress.infra.collectors.TestResult;

/**
 * Runs jcstress with the given command-line options and exits with status 1 unless every test ran
 * and passed. jcstress 0.16 itself ends with an uncaught {@code AssertionError} from its report
 * step when a test failed, but exits 0 when a filter or the CPU count leaves no test to run, and
 * its verdict sits among pages of progress output; the gate grades the saved results itself and
 * prints one list of what failed.
 *
 * <p>A test fails the gate when jcstress grades it failed (an outcome marked {@code FORBIDDEN}, or
 * no {@code ACCEPTABLE} outcome seen), when its forked JVM crashed or an actor threw (a status
 * other than {@code NORMAL}), or when none of the tests ran at all.
 */
public final class JcstressGate {

  private JcstressGate() {}

  /** Runs jcstress with {@code args} (jcstress's own options) and grades the results. */
  public static void main(String[] args) throws Exception {
    Options options = new Options(args);
    if (!options.parse()) {
      System.exit(2);
    }
    new JCStress(options).run();

    InProcessCollector results = new InProcessCollector();
    DiskReadCollector reader = new DiskReadCollector(options.getResultFile(), results);
    try {
      reader.dump();
    } finally {
      reader.close();
    }
    List<String> failures = new ArrayList<>();
    int ran = 0;
    for (TestResult result : results.getTestResults()) {
      ran++;
      if (result.status() != Status.NORMAL) {
        failures.add(result.getName() + ": " + result.status() + " " + result.getMessages());
      } else if (!result.grading().isPassed) {
        failures.add(result.getName() + ": " + result.grading().failureMessages);
      }
    }
    if (ran == 0) {
      failures.add("no jcstress test ran (filter or scheduling left none)");
    }
    if (!failures.isEmpty()) {
      System.err.println("jcstress gate: " + failures.size() + " failing result(s):");
      failures.forEach(f -> System.err.println("  " + f));
      System.exit(1);
    }
    System.out.println("jcstress gate: " + ran + " result(s), all passed");
  }
}

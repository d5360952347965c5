package io.cairn.engine.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which backend a JVM gets, and what forcing one with {@code -Dcairn.memory} does: the rule itself
 * ({@link BackendChoice#choose}), this JVM's choice against what the build asked for, and the whole
 * path (class loading, logging, the {@link NativeMemory} constructor) in child JVMs.
 */
class BackendChoiceTest {

  @Test
  void choose_unset_isForeignFromJava22WhenItsClassesArePresent() {
    assertEquals(Backend.UNSAFE, BackendChoice.choose(null, 17, false));
    assertEquals(Backend.UNSAFE, BackendChoice.choose(null, 21, true));
    assertEquals(Backend.FOREIGN, BackendChoice.choose(null, 22, true));
    assertEquals(Backend.FOREIGN, BackendChoice.choose(null, 26, true));
    assertEquals(Backend.UNSAFE, BackendChoice.choose(null, 25, false), "a jar without MR");
  }

  @Test
  void choose_forced_isThatBackendOnAnyJava() {
    assertEquals(Backend.UNSAFE, BackendChoice.choose("unsafe", 17, false));
    assertEquals(Backend.UNSAFE, BackendChoice.choose("unsafe", 25, true));
    assertEquals(Backend.FOREIGN, BackendChoice.choose("foreign", 22, true));
    assertEquals(Backend.FOREIGN, BackendChoice.choose(" Foreign ", 25, true));
  }

  @Test
  void choose_foreignBeforeJava22_failsNamingTheJavaVersion() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> BackendChoice.choose("foreign", 21, false));
    assertEquals(
        "cairn.memory=foreign needs Java 22 or later (java.lang.foreign); this is Java 21",
        e.getMessage());
  }

  @Test
  void choose_foreignWithoutItsClasses_failsNamingTheMultiReleaseJar() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> BackendChoice.choose("foreign", 25, false));
    assertTrue(e.getMessage().contains("META-INF/versions/22"), e.getMessage());
    assertTrue(e.getMessage().contains("Multi-Release: true"), e.getMessage());
  }

  @Test
  void choose_unknownValue_failsNamingTheChoices() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> BackendChoice.choose("offheap", 25, true));
    assertEquals(
        "cairn.memory=offheap is not a memory backend: use unsafe or foreign", e.getMessage());
  }

  @Test
  void chosen_inThisJvm_isWhatTheBuildForcedOrTheRule() {
    String forced = System.getProperty(BackendChoice.PROPERTY);
    Backend expected =
        BackendChoice.choose(forced, Runtime.version().feature(), ForeignMemory.available());
    assertEquals(expected, BackendChoice.chosen());
    if (forced != null) {
      assertEquals(forced, BackendChoice.chosen().propertyValue());
    }
    NativeMemory memory = new NativeMemory();
    MemoryRegion region = memory.allocate(8, true);
    try {
      String regionClass = expected == Backend.FOREIGN ? "ForeignRegion" : "UnsafeRegion";
      assertEquals(regionClass, region.getClass().getSimpleName());
    } finally {
      memory.free(region);
    }
  }

  @Test
  void childJvm_unset_getsTheRule_andPrintsNoWarningWhereTheRuleIsFollowed() throws Exception {
    int java = Runtime.version().feature();
    Backend expected = BackendChoice.choose(null, java, available());
    Child child = Child.run(null);
    assertEquals(0, child.exit, child.output);
    assertEquals(expected.propertyValue(), child.backend(), child.output);
    if (expected == Backend.FOREIGN || java < BackendChoice.FOREIGN_SINCE) {
      assertFalse(child.output.contains("WARN"), child.output);
    }
  }

  @Test
  void childJvm_forcedForeign_runsFromJava22AndFailsClearlyBefore() throws Exception {
    Child child = Child.run("foreign");
    if (Runtime.version().feature() < BackendChoice.FOREIGN_SINCE) {
      assertEquals(1, child.exit, child.output);
      assertTrue(
          child.output.contains(
              "IllegalStateException: cairn.memory=foreign needs Java 22 or later"),
          child.output);
    } else if (available()) {
      assertEquals(0, child.exit, child.output);
      assertEquals("foreign", child.backend(), child.output);
    }
  }

  @Test
  void childJvm_unknownValue_failsAtTheFirstStore() throws Exception {
    Child child = Child.run("offheap");
    assertEquals(1, child.exit, child.output);
    assertTrue(child.output.contains("cairn.memory=offheap is not a memory backend"), child.output);
  }

  private static boolean available() {
    return ForeignMemory.available();
  }

  /** A JVM of this test's Java and class path, running {@link BackendProbe}. */
  private record Child(int exit, String output) {

    static Child run(String forced) throws IOException, InterruptedException {
      Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
      List<String> command = new ArrayList<>();
      command.add(java.toString());
      if (forced != null) {
        command.add("-D" + BackendChoice.PROPERTY + "=" + forced);
      }
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(BackendProbe.class.getName());
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Child(process.waitFor(), output);
    }

    /** The backend {@link BackendProbe} reported, or null. */
    String backend() {
      return output
          .lines()
          .filter(line -> line.startsWith(BackendProbe.REPORT))
          .map(line -> line.substring(BackendProbe.REPORT.length()))
          .findFirst()
          .orElse(null);
    }
  }
}

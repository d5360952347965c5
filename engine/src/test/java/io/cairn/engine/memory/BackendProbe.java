package io.cairn.engine.memory;

/**
 * Run in a child JVM by {@link BackendChoiceTest}: makes a {@link NativeMemory} and one region, and
 * prints {@link #REPORT} and the backend's name, or lets the constructor's exception end the JVM
 * with exit code 1.
 */
final class BackendProbe {

  /** What the line with the backend's name starts with. */
  static final String REPORT = "backend=";

  private BackendProbe() {}

  public static void main(String[] args) {
    NativeMemory memory = new NativeMemory();
    memory.free(memory.allocate(64, true));
    System.out.println(REPORT + BackendChoice.chosen().propertyValue());
  }
}

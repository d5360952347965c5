package io.cairn.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Runs a table of named actions and says which did not throw what the contract asks for. */
final class Outcomes {

  private Outcomes() {}

  /**
   * Applies each action to {@code target} and returns the names of those that returned normally or
   * threw something other than {@code expected}, with what they did.
   */
  static <T> List<String> notThrowing(
      Class<? extends RuntimeException> expected, T target, Map<String, Consumer<T>> actions) {
    List<String> wrong = new ArrayList<>();
    actions.forEach(
        (name, action) -> {
          try {
            action.accept(target);
            wrong.add(name + " returned normally");
          } catch (RuntimeException e) {
            if (!expected.isInstance(e)) {
              wrong.add(name + " threw " + e);
            }
          }
        });
    return wrong;
  }
}

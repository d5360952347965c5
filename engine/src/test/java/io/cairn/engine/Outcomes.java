package io.cairn.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Runs a table of named actions and says which did not throw what the contract asks for. */
final class Outcomes {

  private Outcomes() {}

  /**
   * Every way to write {@code value} for the key "k", by name: put, putIfAbsent (of the key "new"),
   * replace, replace of {@code current} and commit. The map may be added to.
   */
  static Map<String, Consumer<ByteStore>> everyWrite(byte[] current, byte[] value) {
    Map<String, Consumer<ByteStore>> writes = new LinkedHashMap<>();
    writes.put("put", s -> s.put(TestBytes.key("k"), value, ByteStore.ETERNAL));
    writes.put("putIfAbsent", s -> s.putIfAbsent(TestBytes.key("new"), value, ByteStore.ETERNAL));
    writes.put("replace", s -> s.replace(TestBytes.key("k"), value, ByteStore.ETERNAL));
    writes.put("replace expected", s -> s.replace(TestBytes.key("k"), current, value, 1L << 60));
    writes.put(
        "commit", s -> s.commit(TestBytes.key("k"), ByteStore.ABSENT, value, ByteStore.ETERNAL));
    return writes;
  }

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

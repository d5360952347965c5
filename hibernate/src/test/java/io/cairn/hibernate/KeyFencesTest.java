package io.cairn.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.junit.jupiter.api.Test;

/** The fence rule alone, on a map standing for a region's cache. */
class KeyFencesTest {
  private final KeyFences fences = new KeyFences();
  private final ConcurrentMap<Object, Object> cache = new ConcurrentHashMap<>();

  private boolean load(Object key, long start, Object value) {
    return fences.putFromLoad(key, start, () -> cache.put(key, value), () -> cache.remove(key));
  }

  @Test
  void putFromLoad_withoutInvalidation_stores() {
    assertTrue(load("k", 10, "v"));
    assertEquals("v", cache.get("k"));
  }

  @Test
  void putFromLoad_whileInvalidationOpen_doesNotStore() {
    fences.begin("other", "k", () -> cache.remove("k"));
    assertFalse(load("k", 10, "old"));
    assertFalse(cache.containsKey("k"));
  }

  @Test
  void putFromLoad_ofLoadBegunBeforeEnd_doesNotStore() {
    fences.begin("other", "k", () -> {});
    fences.end("other", "k", 20);
    assertFalse(load("k", 20, "old"), "a load that began at the end's time may have read before");
    assertTrue(load("k", 21, "new"), "a load that began after the end read the new row");
  }

  @Test
  void begin_dropsTheKey() {
    cache.put("k", "v");
    fences.begin("other", "k", () -> cache.remove("k"));
    assertFalse(cache.containsKey("k"));
    assertTrue(fences.isOpen("k"));
  }

  @Test
  void end_ofOneOfTwoMembers_keepsTheKeyFenced() {
    fences.begin("a", "k", () -> {});
    fences.begin("b", "k", () -> {});
    fences.end("a", "k", 5);
    assertTrue(fences.isOpen("k"));
    assertFalse(load("k", 10, "v"));
    fences.end("b", "k", 6);
    assertTrue(load("k", 10, "v"));
  }

  @Test
  void putOwn_withOnlyOwnInvalidation_storesElseDrops() {
    fences.begin("self", "k", () -> {});
    fences.putOwn("self", "k", () -> cache.put("k", "mine"), () -> cache.remove("k"));
    assertEquals("mine", cache.get("k"));
    fences.begin("other", "k", () -> {});
    fences.putOwn("self", "k", () -> cache.put("k", "again"), () -> cache.remove("k"));
    assertFalse(cache.containsKey("k"), "another member's invalidation wins");
  }

  @Test
  void dropped_fencesEarlierLoads() {
    cache.put("k", "v");
    fences.dropped("k", 30, () -> cache.remove("k"));
    assertFalse(cache.containsKey("k"));
    assertFalse(load("k", 29, "old"));
    assertTrue(load("k", 31, "new"));
  }

  @Test
  void raiseFloor_fencesEveryKeyLoadedBefore() {
    fences.raiseFloor(40);
    assertFalse(load("a", 40, "old"));
    assertFalse(load("b", 12, "old"));
    assertTrue(load("c", 41, "new"));
  }

  @Test
  void forget_ofCrashedMember_liftsItsMarksAndFencesEarlierLoads() {
    fences.begin("crashed", "k", () -> {});
    fences.begin("alive", "j", () -> {});
    fences.forget(Set.of("crashed"), 50);
    assertFalse(fences.isOpen("k"), "the crashed member's mark is gone");
    assertTrue(fences.isOpen("j"), "a live member's mark stays");
    assertFalse(load("k", 50, "old"), "a load that began before the view change may not store");
    assertTrue(load("k", 51, "new"));
  }

  @Test
  void end_beyondMaxFences_foldsEndedFencesIntoTheFloor() {
    for (int i = 0; i < 10_001; i++) {
      fences.dropped(i, i, () -> {});
    }
    fences.begin("m", "open", () -> {});
    fences.end("m", "other", 20_000); // more fences than kept: the ended ones fold into the floor
    assertFalse(load(-1, 20_000, "old"), "the floor keeps the folded ends' fence");
    assertTrue(load(-1, 20_001, "new"));
    assertTrue(fences.isOpen("open"), "an open invalidation is never folded");
  }
}

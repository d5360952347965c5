package io.cairn.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SequenceTrackerTest {
  private final SequenceTracker<String> tracker = new SequenceTracker<>();

  @Test
  void arrivedWithGap_numbersInOrderFromOne_isNoGap() {
    assertFalse(tracker.arrivedWithGap("a", "c", 1));
    assertFalse(tracker.arrivedWithGap("a", "c", 2));
    assertFalse(tracker.arrivedWithGap("a", "other", 1), "each cache counts on its own");
    assertFalse(tracker.arrivedWithGap("b", "c", 1), "each sender counts on its own");
    assertEquals(2, tracker.last("a", "c"));
  }

  @Test
  void arrivedWithGap_skippedRepeatedOrFirstAboveOne_isAGap() {
    assertTrue(tracker.arrivedWithGap("a", "c", 3), "the first ones were missed");
    assertTrue(tracker.arrivedWithGap("a", "c", 5));
    assertTrue(tracker.arrivedWithGap("a", "c", 5));
    assertTrue(tracker.arrivedWithGap("a", "c", 4));
    assertFalse(tracker.arrivedWithGap("a", "c", 5));
  }

  @Test
  void forget_departedSender_startsAfreshFromOne() {
    tracker.arrivedWithGap("a", "c", 1);
    tracker.forget(List.of("a"));
    assertEquals(0, tracker.last("a", "c"));
    assertTrue(tracker.arrivedWithGap("a", "c", 7));
  }

  @Test
  void resynchronize_afterAClear_takesAnyNextNumber() {
    tracker.arrivedWithGap("a", "c", 1);
    tracker.resynchronize(List.of("a"));
    assertFalse(tracker.arrivedWithGap("a", "c", 40));
    assertFalse(tracker.arrivedWithGap("a", "d", 9));
    assertTrue(tracker.arrivedWithGap("a", "c", 42), "then in order again");
  }
}

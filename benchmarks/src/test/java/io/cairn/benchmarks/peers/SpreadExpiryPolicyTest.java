package io.cairn.benchmarks.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.cache.expiry.Duration;
import org.junit.jupiter.api.Test;

class SpreadExpiryPolicyTest {

  private static final Duration MIN = new Duration(TimeUnit.SECONDS, 10);
  private static final Duration MAX = new Duration(TimeUnit.HOURS, 1);

  @Test
  void getExpiryForCreation_manyCalls_spreadUniformlyOverTheRange() {
    SpreadExpiryPolicy policy = new SpreadExpiryPolicy(MIN, MAX, 1);
    int calls = 100_000;
    int[] deciles = new int[10];
    Set<Long> distinct = new HashSet<>();
    for (int i = 0; i < calls; i++) {
      Duration duration = policy.getExpiryForCreation();
      assertEquals(TimeUnit.MILLISECONDS, duration.getTimeUnit());
      long millis = duration.getDurationAmount();
      assertTrue(millis >= 10_000 && millis < 3_600_000, "millis=" + millis);
      distinct.add(millis);
      deciles[(int) ((millis - 10_000) * 10 / 3_590_000)]++;
    }
    assertTrue(distinct.size() > calls * 9 / 10, "distinct=" + distinct.size());
    for (int count : deciles) {
      assertTrue(Math.abs(count - calls / 10) < calls / 100, "deciles=" + deciles);
    }
  }

  @Test
  void getExpiryForCreation_sameSeed_sameSequence() {
    SpreadExpiryPolicy a = new SpreadExpiryPolicy(MIN, MAX, 7);
    SpreadExpiryPolicy b = new SpreadExpiryPolicy(MIN, MAX, 7);
    for (int i = 0; i < 100; i++) {
      assertEquals(a.getExpiryForCreation(), b.getExpiryForCreation());
    }
  }

  @Test
  void getExpiryForAccessAndUpdate_always_leaveTheExpiryUnchanged() {
    SpreadExpiryPolicy policy = new SpreadExpiryPolicy(MIN, MAX, 1);
    assertNull(policy.getExpiryForAccess());
    assertNull(policy.getExpiryForUpdate());
  }

  @Test
  void constructor_emptyRange_throws() {
    assertThrows(IllegalArgumentException.class, () -> new SpreadExpiryPolicy(MAX, MIN, 1));
  }
}

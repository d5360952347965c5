package io.cairn.jcache.configuration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.TimeUnit;
import javax.cache.expiry.Duration;
import org.junit.jupiter.api.Test;

class ExpiryPolicyImplTest {

  private static final Duration ONE = new Duration(TimeUnit.MINUTES, 1);
  private static final Duration FIVE = new Duration(TimeUnit.MINUTES, 5);
  private static final Duration TEN = new Duration(TimeUnit.MINUTES, 10);

  @Test
  void eternal_createsForeverAndLeavesUpdatesAndReadsAlone() {
    assertEquals(Duration.ETERNAL, ExpiryPolicyImpl.ETERNAL.getExpiryForCreation());
    assertNull(ExpiryPolicyImpl.ETERNAL.getExpiryForUpdate());
    assertNull(ExpiryPolicyImpl.ETERNAL.getExpiryForAccess());
  }

  @Test
  void afterAccessAlone_actsLikeAccessedExpiryPolicy() {
    ExpiryPolicyImpl policy = ExpiryPolicyImpl.ETERNAL.withAfterAccess(FIVE);
    assertEquals(FIVE, policy.getExpiryForCreation());
    assertNull(policy.getExpiryForUpdate());
    assertEquals(FIVE, policy.getExpiryForAccess());
  }

  @Test
  void afterUpdateAlone_actsLikeModifiedExpiryPolicy() {
    ExpiryPolicyImpl policy = ExpiryPolicyImpl.ETERNAL.withAfterUpdate(TEN);
    assertEquals(TEN, policy.getExpiryForCreation());
    assertEquals(TEN, policy.getExpiryForUpdate());
    assertNull(policy.getExpiryForAccess());
  }

  @Test
  void updateAndAccessWithoutCreation_createsWithTheShorter() {
    assertEquals(
        ONE,
        ExpiryPolicyImpl.ETERNAL.withAfterUpdate(TEN).withAfterAccess(ONE).getExpiryForCreation());
    assertEquals(
        ONE,
        ExpiryPolicyImpl.ETERNAL.withAfterUpdate(ONE).withAfterAccess(TEN).getExpiryForCreation());
  }

  @Test
  void afterCreation_winsForNewEntries() {
    ExpiryPolicyImpl policy = ExpiryPolicyImpl.ETERNAL.withAfterAccess(ONE).withAfterCreation(TEN);
    assertEquals(TEN, policy.getExpiryForCreation());
    assertEquals(ONE, policy.getExpiryForAccess());
  }

  @Test
  void equals_comparesTheDurations() {
    assertEquals(
        ExpiryPolicyImpl.ETERNAL.withAfterAccess(ONE), new ExpiryPolicyImpl(null, null, ONE));
    assertEquals(
        ExpiryPolicyImpl.ETERNAL.withAfterAccess(ONE).hashCode(),
        new ExpiryPolicyImpl(null, null, ONE).hashCode());
    assertNotEquals(ExpiryPolicyImpl.ETERNAL.withAfterAccess(ONE), ExpiryPolicyImpl.ETERNAL);
  }
}

package io.cairn.jcache.expiry;

import static io.cairn.jcache.expiry.ExpiryPolicyAdapter.UNCHANGED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.engine.ByteStore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;
import org.junit.jupiter.api.Test;

class ExpiryPolicyAdapterTest {
  private static final long NOW = 1_000_000L;

  /** Answers with the given durations and counts the questions. */
  private static class Fixed implements ExpiryPolicy {
    final AtomicInteger calls = new AtomicInteger();
    final Duration creation;
    final Duration access;
    final Duration update;

    Fixed(Duration creation, Duration access, Duration update) {
      this.creation = creation;
      this.access = access;
      this.update = update;
    }

    @Override
    public Duration getExpiryForCreation() {
      calls.incrementAndGet();
      return creation;
    }

    @Override
    public Duration getExpiryForAccess() {
      calls.incrementAndGet();
      return access;
    }

    @Override
    public Duration getExpiryForUpdate() {
      calls.incrementAndGet();
      return update;
    }
  }

  @Test
  void instants_ofDurations_areNowPlusDuration() {
    Fixed policy =
        new Fixed(
            new Duration(TimeUnit.SECONDS, 2), Duration.ZERO, new Duration(TimeUnit.MINUTES, 1));
    ExpiryPolicyAdapter adapter = new ExpiryPolicyAdapter(policy);
    assertEquals(NOW + 2_000, adapter.creation(NOW));
    assertEquals(NOW, adapter.access(NOW)); // ZERO: expired at once
    assertEquals(NOW + 60_000, adapter.update(NOW));
    assertEquals(3, policy.calls.get()); // each asked exactly once
  }

  @Test
  void nullDurations_meanUnchanged_andEternalCreation() {
    ExpiryPolicyAdapter adapter = new ExpiryPolicyAdapter(new Fixed(null, null, null));
    assertEquals(ByteStore.ETERNAL, adapter.creation(NOW));
    assertEquals(UNCHANGED, adapter.access(NOW));
    assertEquals(UNCHANGED, adapter.update(NOW));
  }

  @Test
  void throwingPolicy_isTreatedAsUnchanged() {
    ExpiryPolicy throwing =
        new Fixed(null, null, null) {
          @Override
          public Duration getExpiryForAccess() {
            throw new IllegalStateException("policy fails");
          }

          @Override
          public Duration getExpiryForCreation() {
            throw new IllegalStateException("policy fails");
          }
        };
    ExpiryPolicyAdapter adapter = new ExpiryPolicyAdapter(throwing);
    assertEquals(UNCHANGED, adapter.access(NOW));
    assertEquals(ByteStore.ETERNAL, adapter.creation(NOW));
  }

  @Test
  void instantOf_eternalOrOverflow_isEternal() {
    assertEquals(ByteStore.ETERNAL, ExpiryPolicyAdapter.instantOf(Duration.ETERNAL, NOW));
    assertEquals(
        ByteStore.ETERNAL,
        ExpiryPolicyAdapter.instantOf(new Duration(TimeUnit.DAYS, Long.MAX_VALUE / 2), NOW));
  }

  @Test
  void anyWrite_policiesWhoseCreationAndUpdateAgree_giveTheInstantOthersUnchanged() {
    Duration minute = new Duration(TimeUnit.MINUTES, 1);
    assertEquals(
        ByteStore.ETERNAL, new ExpiryPolicyAdapter(new EternalExpiryPolicy()).anyWrite(NOW));
    assertEquals(
        NOW + 60_000, new ExpiryPolicyAdapter(new ModifiedExpiryPolicy(minute)).anyWrite(NOW));
    assertEquals(
        NOW + 60_000, new ExpiryPolicyAdapter(new TouchedExpiryPolicy(minute)).anyWrite(NOW));
    // An update keeps the created instant: the write depends on whether the entry exists.
    assertEquals(UNCHANGED, new ExpiryPolicyAdapter(new CreatedExpiryPolicy(minute)).anyWrite(NOW));
    assertEquals(
        UNCHANGED, new ExpiryPolicyAdapter(new AccessedExpiryPolicy(minute)).anyWrite(NOW));
    // A user's policy may answer differently next time: it is not trusted, nor asked here.
    Fixed user = new Fixed(minute, null, minute);
    assertEquals(UNCHANGED, new ExpiryPolicyAdapter(user).anyWrite(NOW));
    assertEquals(0, user.calls.get(), "a user's policy is not asked");
  }
}

package io.cairn.jcache.expiry;

import io.cairn.engine.ByteStore;
import java.io.Closeable;
import java.io.IOException;
import java.util.Set;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a user's {@link ExpiryPolicy} into expiry instants (epoch milliseconds, {@link
 * ByteStore#ETERNAL} for never).
 *
 * <p>Each method consults the policy exactly once. A policy that throws is logged and treated as
 * "unchanged": the current instant is kept, or {@link ByteStore#ETERNAL} for a new entry. A {@code
 * null} duration also means unchanged; {@link Duration#ZERO} gives {@code now}, which the engine
 * treats as already expired.
 *
 * <p>Threading: thread-safe if the policy is, which JCache requires.
 */
public final class ExpiryPolicyAdapter implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(ExpiryPolicyAdapter.class);

  /** The value of {@link #access} and {@link #update} when the instant is to be left as it is. */
  public static final long UNCHANGED = Long.MIN_VALUE;

  /**
   * The JCache policies whose {@code getExpiryForAccess} always returns {@code null}; matched by
   * exact class, since a subclass may override it.
   */
  private static final Set<Class<?>> ACCESS_NEVER_CHANGES =
      Set.of(EternalExpiryPolicy.class, CreatedExpiryPolicy.class, ModifiedExpiryPolicy.class);

  /**
   * The JCache policies whose creation and update durations are one and the same: a write's instant
   * then does not depend on whether the key had an entry. Matched by exact class.
   */
  private static final Set<Class<?>> WRITE_IGNORES_EXISTENCE =
      Set.of(EternalExpiryPolicy.class, ModifiedExpiryPolicy.class, TouchedExpiryPolicy.class);

  private final ExpiryPolicy policy;
  private final boolean accessNeverChanges;
  private final boolean writeIgnoresExistence;

  /** Adapts {@code policy}. */
  public ExpiryPolicyAdapter(ExpiryPolicy policy) {
    this.policy = policy;
    this.accessNeverChanges = ACCESS_NEVER_CHANGES.contains(policy.getClass());
    this.writeIgnoresExistence = WRITE_IGNORES_EXISTENCE.contains(policy.getClass());
  }

  /**
   * Whether {@link #access} is known to return {@link #UNCHANGED} without asking: the policy is one
   * of JCache's own that never changes an instant on access. Reads then skip the clock and the
   * call.
   */
  public boolean accessNeverChanges() {
    return accessNeverChanges;
  }

  /** The expiry instant of an entry created at {@code now}. */
  public long creation(long now) {
    long instant = instant(now, ExpiryPolicy::getExpiryForCreation, "creation");
    return instant == UNCHANGED ? ByteStore.ETERNAL : instant;
  }

  /**
   * The expiry instant of a write at {@code now} when it is the same for a new entry and for an
   * existing one (the policy is one of JCache's own that says so: eternal, modified, touched), so
   * that a put need not look at the entry it replaces; else {@link #UNCHANGED}.
   */
  public long anyWrite(long now) {
    return writeIgnoresExistence ? creation(now) : UNCHANGED;
  }

  /** The new expiry instant after an access at {@code now}, or {@link #UNCHANGED}. */
  public long access(long now) {
    return instant(now, ExpiryPolicy::getExpiryForAccess, "access");
  }

  /** The new expiry instant after an update at {@code now}, or {@link #UNCHANGED}. */
  public long update(long now) {
    return instant(now, ExpiryPolicy::getExpiryForUpdate, "update");
  }

  private long instant(long now, Query query, String what) {
    Duration duration;
    try {
      duration = query.ask(policy);
    } catch (RuntimeException e) {
      LOG.warn("expiry policy {} failed for {}; the expiry is left unchanged", policy, what, e);
      return UNCHANGED;
    }
    return duration == null ? UNCHANGED : instantOf(duration, now);
  }

  /** The instant {@code duration} after {@code now}, saturating at {@link ByteStore#ETERNAL}. */
  public static long instantOf(Duration duration, long now) {
    if (duration.isEternal()) {
      return ByteStore.ETERNAL;
    }
    if (duration.isZero()) {
      return now;
    }
    long millis = duration.getTimeUnit().toMillis(duration.getDurationAmount());
    long instant = now + millis;
    return instant < now ? ByteStore.ETERNAL : instant;
  }

  /** The policy adapted. */
  public ExpiryPolicy policy() {
    return policy;
  }

  @Override
  public void close() throws IOException {
    if (policy instanceof Closeable closeable) {
      closeable.close();
    }
  }

  @FunctionalInterface
  private interface Query {
    Duration ask(ExpiryPolicy policy);
  }
}

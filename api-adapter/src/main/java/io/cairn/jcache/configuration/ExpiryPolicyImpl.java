package io.cairn.jcache.configuration;

import java.io.Serializable;
import java.util.Objects;
import javax.cache.configuration.Factory;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;

/**
 * The expiry a configuration file declares with {@code after-creation}, {@code after-update} and
 * {@code after-access}; it is its own factory.
 *
 * <p>A new entry lives {@code after-creation}; without it, the shorter of the other two, as the
 * standard {@code ModifiedExpiryPolicy} and {@code AccessedExpiryPolicy} do; without any, forever.
 * An update or a read sets the entry's expiry to {@code after-update} or {@code after-access}, or
 * leaves it unchanged when that one is not given.
 *
 * <p>Threading: immutable.
 */
final class ExpiryPolicyImpl implements ExpiryPolicy, Factory<ExpiryPolicy>, Serializable {
  private static final long serialVersionUID = 1L;

  /** No durations: every entry lives until it is removed or evicted. */
  static final ExpiryPolicyImpl ETERNAL = new ExpiryPolicyImpl(null, null, null);

  private final Duration afterCreation; // null = derived from the others, see class doc
  private final Duration afterUpdate; // null = unchanged by updates
  private final Duration afterAccess; // null = unchanged by reads

  ExpiryPolicyImpl(Duration afterCreation, Duration afterUpdate, Duration afterAccess) {
    this.afterCreation = afterCreation;
    this.afterUpdate = afterUpdate;
    this.afterAccess = afterAccess;
  }

  ExpiryPolicyImpl withAfterCreation(Duration duration) {
    return new ExpiryPolicyImpl(duration, afterUpdate, afterAccess);
  }

  ExpiryPolicyImpl withAfterUpdate(Duration duration) {
    return new ExpiryPolicyImpl(afterCreation, duration, afterAccess);
  }

  ExpiryPolicyImpl withAfterAccess(Duration duration) {
    return new ExpiryPolicyImpl(afterCreation, afterUpdate, duration);
  }

  @Override
  public ExpiryPolicy create() {
    return this;
  }

  @Override
  public Duration getExpiryForCreation() {
    if (afterCreation != null) {
      return afterCreation;
    }
    if (afterUpdate == null) {
      return afterAccess == null ? Duration.ETERNAL : afterAccess;
    }
    if (afterAccess == null) {
      return afterUpdate;
    }
    return afterUpdate.getAdjustedTime(0) <= afterAccess.getAdjustedTime(0)
        ? afterUpdate
        : afterAccess;
  }

  @Override
  public Duration getExpiryForUpdate() {
    return afterUpdate;
  }

  @Override
  public Duration getExpiryForAccess() {
    return afterAccess;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExpiryPolicyImpl that
        && Objects.equals(afterCreation, that.afterCreation)
        && Objects.equals(afterUpdate, that.afterUpdate)
        && Objects.equals(afterAccess, that.afterAccess);
  }

  @Override
  public int hashCode() {
    return Objects.hash(afterCreation, afterUpdate, afterAccess);
  }

  @Override
  public String toString() {
    return "ExpiryPolicyImpl{afterCreation="
        + afterCreation
        + ", afterUpdate="
        + afterUpdate
        + ", afterAccess="
        + afterAccess
        + '}';
  }
}

/**
 * Expiry: {@link io.cairn.jcache.expiry.ExpiryPolicyAdapter} turns a JCache {@code ExpiryPolicy}
 * into the engine's expiry instants (epoch milliseconds).
 *
 * <p>Conventions: parameters and return values are non-null unless documented otherwise.
 */
package io.cairn.jcache.expiry;

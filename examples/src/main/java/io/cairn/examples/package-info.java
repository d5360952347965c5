/**
 * Runnable examples of Cairn through the standard JCache API; start with {@link
 * io.cairn.examples.QuickStart}.
 *
 * <p>Conventions: parameters and return values are non-null.
 */
package io.cairn.examples;

/**
 * Entry processors: the {@code MutableEntry} a processor sees and the results of {@code invokeAll}.
 * The cache runs each processor atomically for its key.
 *
 * <p>Conventions: parameters and return values are non-null unless documented otherwise.
 */
package io.cairn.jcache.processor;

/**
 * Entry events: {@link io.cairn.jcache.event.EventDispatcher} delivers {@link
 * io.cairn.jcache.event.EntryEventImpl}s to the registered listeners, synchronously or
 * asynchronously, with filters.
 *
 * <p>Conventions: parameters and return values are non-null unless documented otherwise.
 */
package io.cairn.jcache.event;

/**
 * Cairn behind Spring Boot's cache auto-configuration ({@code spring.cache.jcache.*}).
 *
 * <p>Conventions: the application is configured as a user would configure it, through {@code
 * application.properties} and Cairn's configuration file; behaviour is asserted by counting the
 * calls that reach {@link io.cairn.integration.spring.BookService}. Parameters and return values
 * are non-null unless documented otherwise.
 */
package io.cairn.integration.spring;

/**
 * Cairn as Hibernate ORM's second-level cache: scenarios compiled and run against Hibernate 6.6
 * (this module) and Hibernate 7 (the hibernate7 module adds this directory as its test sources).
 *
 * <p>Conventions: only API common to both versions (the build has {@code -Xlint:all -Werror}, so a
 * deprecation in either fails it); Hibernate is configured only through its standard properties and
 * Cairn's configuration file, as a user would; assertions use Hibernate's statistics, the SQL
 * actually issued ({@link io.cairn.integration.hibernate.SqlCounter}) and the Cairn caches behind
 * the regions. Parameters and return values are non-null unless documented otherwise.
 */
package io.cairn.integration.hibernate;

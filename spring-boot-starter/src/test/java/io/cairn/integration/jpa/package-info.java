/**
 * Cairn as Hibernate's second-level cache under Spring Data JPA and Spring Boot's JPA
 * auto-configuration, against H2: configured with {@code spring.jpa.properties.hibernate.*} only.
 * Parameters and return values are non-null unless documented otherwise.
 */
package io.cairn.integration.jpa;

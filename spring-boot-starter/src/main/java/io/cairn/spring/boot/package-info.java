/**
 * Cairn's Spring Boot starter: auto-configuration that makes Cairn the JCache provider of Spring
 * Boot's cache support ({@link io.cairn.spring.boot.CairnCacheAutoConfiguration}), binds {@code
 * cairn.*} properties ({@link io.cairn.spring.boot.CairnProperties}), and adds metrics, health and
 * cache descriptions ({@link io.cairn.spring.boot.CairnActuatorAutoConfiguration}). Works on Spring
 * Boot 3.5 and 4.0: what implements a Spring Boot type that moved between them is in the {@code
 * boot3} and {@code boot4} packages, picked by class conditions. docs/spring.md is the guide.
 *
 * <p>Conventions: parameters and return values are non-null unless documented otherwise; the
 * classes that the {@code boot3} and {@code boot4} packages share are public for them, and internal
 * otherwise.
 */
package io.cairn.spring.boot;

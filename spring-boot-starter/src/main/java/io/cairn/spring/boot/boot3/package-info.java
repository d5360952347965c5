/**
 * The pieces of Cairn's starter that implement Spring Boot 3.5 types; each is active only when that
 * type is on the class path (see {@code CairnActuatorAutoConfiguration}). Internal.
 */
package io.cairn.spring.boot.boot3;

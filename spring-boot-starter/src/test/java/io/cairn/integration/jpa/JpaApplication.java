package io.cairn.integration.jpa;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A Spring Data JPA application whose entities Hibernate caches in Cairn (second level). */
@SpringBootApplication
public class JpaApplication {}

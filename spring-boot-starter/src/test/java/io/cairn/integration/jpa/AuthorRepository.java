package io.cairn.integration.jpa;

import org.springframework.data.repository.CrudRepository;

/** Spring Data's repository of {@link Author}. */
public interface AuthorRepository extends CrudRepository<Author, Long> {}

package io.cairn.integration.hibernate;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;

/** A versioned READ_WRITE counter that concurrent transactions increment. */
@Entity
@Cacheable
@Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
public class Counter {
  @Id private Long id;

  private long total;

  @Version private long version;

  protected Counter() {}

  public Counter(long id) {
    this.id = id;
  }

  public Long getId() {
    return id;
  }

  public long getTotal() {
    return total;
  }

  public long increment() {
    return ++total;
  }
}

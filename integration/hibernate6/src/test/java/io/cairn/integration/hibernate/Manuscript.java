package io.cairn.integration.hibernate;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;

/**
 * A READ_WRITE entity with a long text column, cached in a region of small segments declared in
 * {@code cairn-hibernate.conf}: the entity whose cache entry is many segments long, or larger than
 * the region's largest item.
 */
@Entity
@Cacheable
@Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
public class Manuscript {
  @Id private Long id;

  @Column(length = 1_000_000)
  private String text;

  protected Manuscript() {}

  public Manuscript(long id, String text) {
    this.id = id;
    this.text = text;
  }

  public String getText() {
    return text;
  }

  public void setText(String text) {
    this.text = text;
  }
}

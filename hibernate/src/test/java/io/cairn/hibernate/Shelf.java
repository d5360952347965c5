package io.cairn.hibernate;

import jakarta.persistence.Cacheable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;
import org.hibernate.annotations.NaturalId;
import org.hibernate.annotations.NaturalIdCache;

/** A READ_WRITE entity with a cached collection and a cached, mutable natural id. */
@Entity
@Cacheable
@Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
@NaturalIdCache
public class Shelf {
  @Id private Long id;

  @NaturalId(mutable = true)
  private String code;

  @ElementCollection
  @Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
  private List<String> titles = new ArrayList<>();

  protected Shelf() {}

  public Shelf(long id, String code) {
    this.id = id;
    this.code = code;
  }

  public String getCode() {
    return code;
  }

  public void setCode(String code) {
    this.code = code;
  }

  public List<String> getTitles() {
    return titles;
  }
}

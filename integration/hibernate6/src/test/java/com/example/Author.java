package com.example;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Version;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;

@Entity
@Cacheable
@Cache(usage = CacheConcurrencyStrategy.READ_WRITE) // region "com.example.Author"
public class Author {
  @Id private Long id;

  @Version private long version;

  private String name;

  @OneToMany(mappedBy = "author")
  @Cache(usage = CacheConcurrencyStrategy.READ_WRITE) // region "com.example.Author.books"
  private List<Book> books = new ArrayList<>();

  protected Author() {} // for Hibernate

  public Author(long id, String name) {
    this.id = id;
    this.name = name;
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public List<Book> getBooks() {
    return books;
  }
}

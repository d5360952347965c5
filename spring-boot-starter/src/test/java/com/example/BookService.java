package com.example;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

@Service
public class BookService {
  private final AtomicInteger lookups = new AtomicInteger();

  @Cacheable("books")
  public Book find(long id) {
    lookups.incrementAndGet(); // stands for a slow lookup: a database, a remote service
    return new Book(id, "Book " + id);
  }

  @CachePut(cacheNames = "books", key = "#book.id")
  public Book save(Book book) {
    return book;
  }

  @CacheEvict("books")
  public void evict(long id) {}

  public int lookups() {
    return lookups.get();
  }
}

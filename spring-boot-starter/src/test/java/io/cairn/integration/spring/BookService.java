package io.cairn.integration.spring;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/** A service behind Spring's cache annotations that counts the calls that reach it. */
@Service
public class BookService {
  private final AtomicInteger finds = new AtomicInteger();
  private final AtomicInteger saves = new AtomicInteger();
  private final AtomicInteger prices = new AtomicInteger();
  private final AtomicInteger quotes = new AtomicInteger();
  private final AtomicInteger manuscripts = new AtomicInteger();

  @Cacheable("books")
  public Book find(long id) {
    finds.incrementAndGet();
    return id < 0 ? null : new Book(id, "title " + id);
  }

  @CachePut(cacheNames = "books", key = "#book.id")
  public Book save(Book book) {
    saves.incrementAndGet();
    return book;
  }

  @CacheEvict("books")
  public void evict(long id) {}

  @CacheEvict(cacheNames = "books", allEntries = true)
  public void evictAll() {}

  /** A slow computation that concurrent callers of one symbol share: Spring calls Cache.invoke. */
  @Cacheable(cacheNames = "prices", sync = true)
  public Long price(String symbol) throws InterruptedException {
    prices.incrementAndGet();
    Thread.sleep(200);
    return (long) symbol.hashCode();
  }

  @Cacheable("quotes.latest")
  public Long quote(String symbol) {
    quotes.incrementAndGet();
    return (long) symbol.length();
  }

  /**
   * A result far larger than the largest item of the cache "manuscripts" (cairn-spring.conf): Cairn
   * skips Spring's put of it, so every call reaches the method.
   */
  @Cacheable("manuscripts")
  public String manuscript(int id) {
    manuscripts.incrementAndGet();
    return ("manuscript " + id + " ").repeat(10_000);
  }

  /** As {@link #manuscript}, through {@code Cache.invoke} ({@code sync = true}). */
  @Cacheable(cacheNames = "manuscripts", key = "'sync-' + #id", sync = true)
  public String manuscriptSync(int id) {
    manuscripts.incrementAndGet();
    return ("manuscript " + id + " ").repeat(10_000);
  }

  int finds() {
    return finds.get();
  }

  int saves() {
    return saves.get();
  }

  int prices() {
    return prices.get();
  }

  int quotes() {
    return quotes.get();
  }

  int manuscripts() {
    return manuscripts.get();
  }
}

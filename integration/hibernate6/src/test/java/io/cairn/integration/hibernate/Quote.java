package io.cairn.integration.hibernate;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;

/**
 * A READ_WRITE entity in a named region, {@value #REGION}, whose settings (capacity, expiry,
 * statistics) come from the Cairn configuration file.
 */
@Entity
@Cacheable
@Cache(usage = CacheConcurrencyStrategy.READ_WRITE, region = Quote.REGION)
public class Quote {
  /** The region: a name with dots, declared in {@code cairn-hibernate.conf}. */
  public static final String REGION = "cairn.quotes.short-lived";

  @Id private Long id;

  private String symbol;

  private long priceCents;

  protected Quote() {}

  public Quote(long id, String symbol, long priceCents) {
    this.id = id;
    this.symbol = symbol;
    this.priceCents = priceCents;
  }

  public Long getId() {
    return id;
  }

  public String getSymbol() {
    return symbol;
  }

  public long getPriceCents() {
    return priceCents;
  }
}

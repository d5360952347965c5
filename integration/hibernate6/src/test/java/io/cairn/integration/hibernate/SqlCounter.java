package io.cairn.integration.hibernate;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Records every SQL statement Hibernate prepares, so that a test can say "this read issued no SQL".
 *
 * <p>Threading: thread-safe.
 */
final class SqlCounter implements StatementInspector {
  private static final long serialVersionUID = 1L;

  private final ConcurrentLinkedQueue<String> statements = new ConcurrentLinkedQueue<>();

  @Override
  public String inspect(String sql) {
    statements.add(sql);
    return sql;
  }

  /** The statements issued since the last {@link #reset()}. */
  List<String> statements() {
    return List.copyOf(statements);
  }

  /** How many statements were issued since the last {@link #reset()}. */
  int count() {
    return statements.size();
  }

  void reset() {
    statements.clear();
  }
}

package io.cairn.integration.spring;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.springframework.boot.builder.SpringApplicationBuilder;

/** Starts {@link CachingApplication} expecting it to fail. */
final class Startup {
  private Startup() {}

  /** The innermost cause of the failure of starting with {@code args}. */
  static Throwable failure(String... args) {
    Throwable e =
        assertThrows(
            RuntimeException.class,
            () -> new SpringApplicationBuilder(CachingApplication.class).run(args).close());
    while (e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }
}

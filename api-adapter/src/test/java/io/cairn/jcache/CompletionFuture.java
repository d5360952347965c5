package io.cairn.jcache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.cache.integration.CompletionListener;

/** A {@code loadAll} completion listener for tests: its outcome as a future. */
public final class CompletionFuture implements CompletionListener {
  private final CompletableFuture<Exception> outcome = new CompletableFuture<>();

  @Override
  public void onCompletion() {
    outcome.complete(null);
  }

  @Override
  public void onException(Exception e) {
    outcome.complete(e);
  }

  /** Whether the outcome is known already. */
  public boolean isDone() {
    return outcome.isDone();
  }

  /** Waits up to 10 s for the outcome: {@code null} on success, else the exception reported. */
  public Exception await() throws Exception {
    return outcome.get(10, TimeUnit.SECONDS);
  }
}

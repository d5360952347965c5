package io.cairn.engine.segment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A persistent store's files; see {@link io.cairn.engine.Persistence}. Work in progress. */
public final class PersistentLog {

  /** The manifest's file name: the set of segment files that make up the last flush. */
  static final String MANIFEST = "MANIFEST";

  private PersistentLog() {}

  /** Whether {@code directory} holds a persisted store. */
  public static boolean exists(Path directory) {
    return Files.isRegularFile(directory.resolve(MANIFEST));
  }

  /** Deletes a persisted store's files; see {@link io.cairn.engine.Persistence#delete}. */
  public static void delete(Path directory) throws IOException {
    throw new UnsupportedOperationException("not yet");
  }
}

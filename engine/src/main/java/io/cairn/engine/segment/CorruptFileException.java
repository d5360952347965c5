package io.cairn.engine.segment;

/** Thrown while reading a persisted file whose bytes fail a check; the message says which. */
final class CorruptFileException extends Exception {
  private static final long serialVersionUID = 1L;

  CorruptFileException(String message) {
    super(message, null, false, false); // expected on damaged files: no stack trace to fill
  }
}

package io.cairn.jcache.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import javax.cache.processor.EntryProcessorException;
import org.junit.jupiter.api.Test;

class EntryProcessorResultImplTest {

  @Test
  void get_ofResult_returnsIt() {
    assertEquals("r", EntryProcessorResultImpl.of("r").get());
  }

  @Test
  void get_ofNull_returnsNull() {
    assertNull(EntryProcessorResultImpl.of(null).get());
  }

  @Test
  void get_failed_rethrowsTheSameExceptionEveryTime() {
    EntryProcessorException failure = new EntryProcessorException(new IllegalStateException("x"));
    EntryProcessorResultImpl<String> result = EntryProcessorResultImpl.failed(failure);
    assertSame(failure, assertThrows(EntryProcessorException.class, result::get));
    assertSame(failure, assertThrows(EntryProcessorException.class, result::get));
  }
}

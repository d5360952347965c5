package io.cairn.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cairn.jcache.configuration.ConfigFileReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.cache.CacheException;

/**
 * Fuzzes the declarative configuration reader through its public entry point, {@link
 * ConfigFileReader#read}, with arbitrary file contents under each suffix it accepts.
 *
 * <p>What it proves, for every input tried: a file gives a configuration or a clear {@link
 * CacheException} or {@link IllegalArgumentException}; any other exception (a NullPointerException,
 * ClassCastException, NumberFormatException, ArithmeticException, an unwrapped parser exception), a
 * hang or a StackOverflowError is a bug.
 */
class ConfigFileReaderFuzzTest {

  private static final List<String> SUFFIXES = List.of(".conf", ".json", ".properties");

  @FuzzTest(maxDuration = "2m")
  void read(FuzzedDataProvider data) throws IOException {
    String suffix = SUFFIXES.get(data.consumeInt(0, SUFFIXES.size() - 1));
    String content = data.consumeRemainingAsString();
    Path file = Files.createTempFile("cairn-fuzz", suffix);
    try {
      Files.writeString(file, content, StandardCharsets.UTF_8);
      ConfigFileReader.read(file.toUri(), ConfigFileReaderFuzzTest.class.getClassLoader());
    } catch (CacheException | IllegalArgumentException e) {
      // the documented outcomes of a bad file
    } catch (UncheckedIOException e) {
      throw new AssertionError("I/O exception escaped the reader", e);
    } finally {
      Files.deleteIfExists(file);
    }
  }
}

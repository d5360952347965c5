package io.cairn.integration.guides;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuideSnippetsTest {
  private static final String CODE =
      """
      package com.example;

      public class Hello {
        // tag::greet[]
        public String greet() {
          return "hello";
        }
        // end::greet[]
      }
      """;

  @TempDir Path root;

  private Set<String> check(String markdown) throws IOException {
    Files.createDirectories(root.resolve("src"));
    Files.writeString(root.resolve("src/Hello.java"), CODE);
    Files.writeString(root.resolve("guide.md"), markdown);
    return GuideSnippets.check(root, "guide.md");
  }

  @Test
  void check_blocksEqualToTheirFileAndRegion_passAndAreListed() throws IOException {
    String markdown =
        """
        Text.

        <!-- snippet: src/Hello.java -->
        ```java
        package com.example;

        public class Hello {
          public String greet() {
            return "hello";
          }
        }
        ```

        <!-- snippet: src/Hello.java#greet -->
        ```java
        public String greet() {
          return "hello";
        }
        ```
        """;
    assertEquals(List.of("src/Hello.java", "src/Hello.java#greet"), List.copyOf(check(markdown)));
  }

  @Test
  void check_aBlockThatDrifted_failsNamingTheFileAndTheLine() {
    String markdown =
        """
        <!-- snippet: src/Hello.java#greet -->
        ```java
        public String greet() {
          return "hi";
        }
        ```
        """;
    AssertionError e = assertThrows(AssertionError.class, () -> check(markdown));
    assertTrue(e.getMessage().contains("src/Hello.java#greet differs"), e.getMessage());
    assertTrue(e.getMessage().contains("line 2 is \"  return \"hi\";\""), e.getMessage());
  }

  @Test
  void check_aMissingFileOrRegion_fails() {
    assertThrows(
        AssertionError.class, () -> check("<!-- snippet: src/Gone.java -->\n```java\n```\n"));
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () -> check("<!-- snippet: src/Hello.java#wave -->\n```java\n```\n"));
    assertTrue(e.getMessage().contains("no region wave"), e.getMessage());
  }

  @Test
  void check_aShorterBlock_fails() {
    String markdown = "<!-- snippet: src/Hello.java -->\n```java\npackage com.example;\n```\n";
    AssertionError e = assertThrows(AssertionError.class, () -> check(markdown));
    assertTrue(e.getMessage().contains("(end of block)"), e.getMessage());
  }

  @Test
  void difference_ofEqualTexts_isNull() {
    assertNull(GuideSnippets.difference("a\nb\n", "a\nb\n"));
  }
}

package io.cairn.integration.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.Application;
import io.cairn.integration.guides.GuideSnippets;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/spring.md: its code is the package {@code com.example}, its application.properties and
 * {@code cairn.conf} of these test sources, run here, and shown verbatim in the guide.
 */
class SpringGuideTest {
  private static final String CODE = "integration/spring/src/test/java/com/example/";
  private static final String RESOURCES = "integration/spring/src/test/resources/";

  @Test
  void theGuidesApplication_callsTheMethodOnceForTwoFinds() {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      // the guide's properties are src/main/resources/application.properties of a real project
      Application.main(
          new String[] {
            "--spring.config.location=classpath:com/example/application.properties",
            "--spring.main.banner-mode=off"
          });
    } finally {
      System.setOut(original);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    original.print(printed);
    assertTrue(printed.contains("find(1) twice: 1 lookup(s)"), printed);
  }

  @Test
  void theGuide_showsExactlyTheCodeThatRunsHere() {
    assertEquals(
        List.of(
            RESOURCES + "com/example/application.properties",
            CODE + "Application.java",
            CODE + "BookService.java",
            CODE + "Book.java",
            RESOURCES + "cairn.conf"),
        List.copyOf(GuideSnippets.check(GuideSnippets.root(), "docs/spring.md")));
  }
}

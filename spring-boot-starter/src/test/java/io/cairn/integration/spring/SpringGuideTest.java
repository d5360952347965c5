package io.cairn.integration.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.Application;
import io.cairn.engine.ByteStore;
import io.cairn.engine.EvictionPolicy;
import io.cairn.engine.StoreConfig;
import io.cairn.integration.guides.GuideSnippets;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.cache.CacheManager;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * docs/spring.md: its code is the package {@code com.example}, its application.yml and {@code
 * cairn.conf} of these test sources, run here, and shown verbatim in the guide.
 */
class SpringGuideTest {
  private static final String CODE = "spring-boot-starter/src/test/java/com/example/";
  private static final String RESOURCES = "spring-boot-starter/src/test/resources/";

  @Test
  void theGuidesApplication_callsTheMethodOnceForTwoFinds() {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      // the guide's properties are src/main/resources/application.properties of a real project
      Application.main(
          new String[] {
            "--spring.config.location=classpath:com/example/application.yml",
            "--spring.main.banner-mode=off",
            "--server.port=0"
          });
    } finally {
      System.setOut(original);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    original.print(printed);
    assertTrue(printed.contains("find(1) twice: 1 lookup(s)"), printed);
  }

  @Test
  void theGuidesHoconFile_addsWhatApplicationYmlLeavesOut() {
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(Application.class)
            .run(
                "--spring.config.location=classpath:com/example/application.yml",
                "--spring.cache.jcache.config=classpath:cairn.conf",
                "--spring.main.banner-mode=off",
                "--spring.main.web-application-type=none")) {
      StoreConfig books =
          context.getBean(CacheManager.class).getCache("books").unwrap(ByteStore.class).config();
      assertEquals(64L << 20, books.capacityBytes(), "application.yml wins");
      assertEquals(EvictionPolicy.S3FIFO, books.evictionPolicy(), "the file's other key stays");
    }
  }

  @Test
  void theGuide_showsExactlyTheCodeThatRunsHere() {
    assertEquals(
        List.of(
            RESOURCES + "com/example/application.yml",
            CODE + "Application.java",
            CODE + "BookService.java",
            CODE + "Book.java",
            RESOURCES + "cairn.conf"),
        List.copyOf(GuideSnippets.check(GuideSnippets.root(), "docs/spring.md")));
  }
}

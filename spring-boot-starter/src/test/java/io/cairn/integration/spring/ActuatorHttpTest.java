package io.cairn.integration.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.Application;
import com.example.BookService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/**
 * The guide's application (docs/spring.md: its application.yml, statistics off) running with a web
 * server, read over HTTP as a user reads it: {@code /actuator/metrics} counts real traffic from the
 * engine, {@code /actuator/caches} shows each cache's effective settings, {@code /actuator/health}
 * has Cairn's contributor.
 */
@SpringBootTest(
    classes = Application.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.location=classpath:com/example/application.yml",
      "spring.main.banner-mode=off"
    })
class ActuatorHttpTest {
  private static final Pattern COUNT = Pattern.compile("\"value\"\\s*:\\s*([0-9.Ee+-]+)");

  @Autowired BookService books;
  @Autowired Environment environment;

  private final HttpClient http = HttpClient.newHttpClient();

  private String get(String path) throws IOException, InterruptedException {
    URI uri = URI.create("http://localhost:" + environment.getProperty("local.server.port") + path);
    HttpResponse<String> response =
        http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), path + ": " + response.body());
    return response.body();
  }

  /** The first measurement of {@code /actuator/metrics/<name>?<tags>}. */
  private double metric(String name, String tags) throws IOException, InterruptedException {
    String body = get("/actuator/metrics/" + name + "?" + tags);
    Matcher value = COUNT.matcher(body);
    assertTrue(value.find(), body);
    return Double.parseDouble(value.group(1));
  }

  @Test
  void metrics_countRealTrafficWithStatisticsOff() throws Exception {
    double hits = metric("cache.gets", "tag=cache:books&tag=result:hit");
    double misses = metric("cache.gets", "tag=cache:books&tag=result:miss");
    double puts = metric("cache.puts", "tag=cache:books");
    books.find(101);
    books.find(101);
    books.find(101);
    assertEquals(hits + 2, metric("cache.gets", "tag=cache:books&tag=result:hit"));
    assertEquals(misses + 1, metric("cache.gets", "tag=cache:books&tag=result:miss"));
    assertEquals(puts + 1, metric("cache.puts", "tag=cache:books"));
    assertTrue(metric("cache.size", "tag=cache:books") >= 1);
    assertTrue(metric("cairn.cache.bytes.used", "tag=cache:books") > 0);
    assertEquals(64 << 20, metric("cairn.cache.bytes.bound", "tag=cache:books"));
    assertTrue(metric("cairn.cache.bytes.committed", "tag=cache:books") > 0);
    books.evict(101);
    assertTrue(metric("cache.removals", "tag=cache:books") >= 1);
  }

  @Test
  void caches_showEachCachesEffectiveSettings() throws Exception {
    String body = get("/actuator/caches").replaceAll("\\s", "");
    assertTrue(body.contains("\"books\":{\"target\":\"io.cairn.jcache.CacheImpl\""), body);
    assertTrue(body.contains("\"capacityBytes\":" + (64 << 20)), body);
    assertTrue(body.contains("\"evictionPolicy\":\"TINYLFU\""), body);
    assertTrue(body.contains("\"afterCreation\":\"600000ms\""), body);
    assertTrue(body.contains("\"statistics\":false"), body);
  }

  @Test
  void health_hasCairnsContributor() throws Exception {
    books.find(102);
    String body = get("/actuator/health").replaceAll("\\s", "");
    int cairn = body.indexOf("\"cairn\":{");
    assertTrue(cairn >= 0, body);
    // the first status after it is the contributor's (its details hold none); Jackson 2 (Spring
    // Boot 3.5) writes it before the details, Jackson 3 (Spring Boot 4.0) sorts it after them
    assertTrue(body.startsWith("\"status\":\"UP\"", body.indexOf("\"status\":", cairn)), body);
    assertTrue(body.contains("\"expirer\":\"alive\""), body);
    assertTrue(body.contains("\"boundBytes\":" + (64 << 20)), body);
    assertTrue(body.contains("\"headroomBytes\":"), body);
  }
}

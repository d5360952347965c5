package io.cairn.integration.guides;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that a guide's code blocks are the files they claim to be, so the guide cannot drift from
 * the code the build compiles and runs.
 *
 * <p>In the Markdown, a snippet is an HTML comment naming a file relative to the repository's root,
 * optionally with a region, right before a fenced code block:
 *
 * <pre>
 * &lt;!-- snippet: spring-boot-starter/src/test/java/com/example/Book.java --&gt;
 * ```java
 * ...the whole file...
 * ```
 * &lt;!-- snippet: spring-boot-starter/src/test/resources/cairn.conf#caches --&gt;
 * ```hocon
 * ...the lines between "tag::caches[]" and "end::caches[]" in the file...
 * ```
 * </pre>
 *
 * <p>A region's marker lines are comments of the file's language holding {@code tag::name[]} and
 * {@code end::name[]}; they are left out of the block, as is the region's common indentation, and
 * left out of a whole-file block too.
 *
 * <p>Threading: stateless.
 */
public final class GuideSnippets {
  private static final Pattern MARKER =
      Pattern.compile(
          "<!-- snippet: ([^#\\s]+)(?:#([\\w-]+))? -->\\R```[\\w-]*\\R(.*?)^```",
          Pattern.DOTALL | Pattern.MULTILINE);

  private static final Pattern TAG_LINE = Pattern.compile(".*\\b(?:tag|end)::[\\w-]+\\[\\].*");

  private GuideSnippets() {}

  /**
   * The repository's root: the nearest directory from the working directory up that holds {@code
   * docs/} and a {@code pom.xml}.
   */
  public static Path root() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("docs")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir;
      }
    }
    throw new AssertionError("no repository root above " + Path.of("").toAbsolutePath());
  }

  /**
   * Checks every snippet of {@code guide}, a path relative to {@code root}, and returns the files
   * they name (with {@code #region} where they name one), in the order they appear.
   *
   * @throws AssertionError listing every block that differs from its file, with the first line that
   *     differs
   */
  public static Set<String> check(Path root, String guide) {
    String markdown = read(root.resolve(guide));
    Set<String> shown = new LinkedHashSet<>();
    List<String> problems = new ArrayList<>();
    Matcher m = MARKER.matcher(markdown);
    while (m.find()) {
      String file = m.group(1);
      String region = m.group(2);
      shown.add(region == null ? file : file + "#" + region);
      String expected;
      try {
        expected = snippet(read(root.resolve(file)), region);
      } catch (AssertionError e) {
        problems.add(guide + ": " + file + ": " + e.getMessage());
        continue;
      }
      String difference = difference(expected, m.group(3));
      if (difference != null) {
        problems.add(
            guide
                + ": the block after the marker of "
                + file
                + (region == null ? "" : "#" + region)
                + " differs from the file: "
                + difference);
      }
    }
    if (!problems.isEmpty()) {
      throw new AssertionError(String.join("\n", problems));
    }
    return shown;
  }

  /** The text a block must hold for {@code region} of a file, or for all of it when null. */
  static String snippet(String file, String region) {
    List<String> lines = file.lines().toList();
    if (region != null) {
      int start = indexOf(lines, "tag::" + region + "[]", 0);
      int end = indexOf(lines, "end::" + region + "[]", start + 1);
      if (start < 0 || end < 0) {
        throw new AssertionError("no region " + region + " (tag::" + region + "[] ... end::)");
      }
      lines = lines.subList(start + 1, end);
    }
    List<String> kept = lines.stream().filter(line -> !TAG_LINE.matcher(line).matches()).toList();
    int indent =
        kept.stream()
            .filter(line -> !line.isBlank())
            .mapToInt(line -> line.length() - line.stripLeading().length())
            .min()
            .orElse(0);
    StringBuilder text = new StringBuilder();
    for (String line : kept) {
      text.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
    }
    return text.toString();
  }

  private static int indexOf(List<String> lines, String fragment, int from) {
    for (int i = Math.max(0, from); i < lines.size(); i++) {
      if (lines.get(i).contains(fragment)) {
        return i;
      }
    }
    return -1;
  }

  /** Where {@code actual} first differs from {@code expected}, or null if they are equal. */
  static String difference(String expected, String actual) {
    List<String> want = expected.lines().toList();
    List<String> have = actual.lines().toList();
    for (int i = 0; i < Math.max(want.size(), have.size()); i++) {
      String w = i < want.size() ? want.get(i) : "(end of file)";
      String h = i < have.size() ? have.get(i) : "(end of block)";
      if (!w.equals(h)) {
        return "line " + (i + 1) + " is \"" + h + "\" in the guide, \"" + w + "\" in the file";
      }
    }
    return null;
  }

  private static String read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new AssertionError("no file " + file);
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

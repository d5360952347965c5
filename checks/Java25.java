import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Runs a JVM of the build's second JDK (the JDK 25 that maven-toolchains-plugin found, whose home
 * exec-maven-plugin passes in {@code TOOLCHAIN_JAVA_HOME}) and fails when it exits non-zero or
 * prints a line that starts with {@code WARNING}: the JDK's warnings about {@code sun.misc.Unsafe},
 * restricted methods or agents all do. Its output (stdout and stderr together) goes to the console
 * and to a log file. Run by the build as a single-file source program on the JDK that runs Maven:
 *
 * <pre>java Java25.java &lt;what&gt; &lt;log file&gt; [--allow=&lt;regex&gt;]... &lt;java arguments&gt;...</pre>
 *
 * <p>{@code --allow} lets through the WARNING lines that match a regular expression entirely: for
 * a program's own logging that is known and harmless (the TCK's server, for one, logs through
 * java.util.logging, whose lines start with the level). They are counted in the summary.
 *
 * <p>Why not surefire: the JDK prints these warnings to the JVM's original stderr, which a forked
 * test JVM's surefire only copies to the console; nothing in its reports holds them.
 */
public final class Java25 {

  private static final String HOME = "TOOLCHAIN_JAVA_HOME";

  private Java25() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    String what = args[0];
    Path log = Paths.get(args[1]);
    String home = System.getenv(HOME);
    if (home == null || home.isEmpty()) {
      fail(what + ": " + HOME + " is not set: run through the build, after maven-toolchains-plugin");
    }
    List<Pattern> allowed = new ArrayList<>();
    int next = 2;
    for (; next < args.length && args[next].startsWith("--allow="); next++) {
      allowed.add(Pattern.compile(args[next].substring("--allow=".length())));
    }
    List<String> command = new ArrayList<>();
    command.add(Paths.get(home, "bin", "java").toString());
    for (int i = next; i < args.length; i++) {
      command.add(args[i]);
    }
    Files.createDirectories(log.toAbsolutePath().getParent());
    System.out.println("[" + what + "] " + command.get(0) + " (output also in " + log + ")");
    List<String> warnings = new ArrayList<>();
    int lines = 0;
    int allowedLines = 0;
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (BufferedReader out =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter file = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
      file.println("# " + String.join(" ", command));
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        lines++;
        System.out.println(line);
        file.println(line);
        if (line.startsWith("WARNING")) {
          if (matchesAny(allowed, line)) {
            allowedLines++;
          } else {
            warnings.add(lines + ": " + line);
          }
        }
      }
    }
    int exit = process.waitFor();
    if (!warnings.isEmpty()) {
      fail(
          "["
              + what
              + "] "
              + warnings.size()
              + " WARNING line(s) in the output of Java "
              + home
              + ":\n  "
              + String.join("\n  ", warnings));
    }
    if (exit != 0) {
      fail("[" + what + "] exit code " + exit + "; the output is in " + log);
    }
    System.out.println(
        "["
            + what
            + "] exit code 0, no WARNING line in "
            + lines
            + " lines"
            + (allowed.isEmpty() ? "" : " (" + allowedLines + " allowed by " + allowed + ")"));
  }

  private static boolean matchesAny(List<Pattern> patterns, String line) {
    for (Pattern pattern : patterns) {
      if (pattern.matcher(line).matches()) {
        return true;
      }
    }
    return false;
  }

  private static void fail(String message) {
    System.err.println(message);
    System.exit(1);
  }
}

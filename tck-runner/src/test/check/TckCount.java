import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Counts the test cases in surefire's XML reports and exits non-zero when fewer than expected ran,
 * or when any was skipped, failed or errored. Run by exec-maven-plugin in the verify phase as a
 * single-file source program: {@code java TckCount.java <reports dir> <expected count>}.
 */
public final class TckCount {

  private TckCount() {}

  public static void main(String[] args) throws Exception {
    Path reports = Paths.get(args[0]);
    int expected = Integer.parseInt(args[1]);
    if (!Files.isDirectory(reports)) {
      fail("no surefire reports in " + reports);
    }
    int run = 0;
    int skipped = 0;
    int broken = 0;
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(reports, "TEST-*.xml")) {
      for (Path file : files) {
        try (InputStream in = Files.newInputStream(file)) {
          NodeList cases = factory.newDocumentBuilder().parse(in).getElementsByTagName("testcase");
          for (int i = 0; i < cases.getLength(); i++) {
            Element testcase = (Element) cases.item(i);
            run++;
            if (testcase.getElementsByTagName("skipped").getLength() > 0) {
              skipped++;
            }
            if (testcase.getElementsByTagName("failure").getLength() > 0
                || testcase.getElementsByTagName("error").getLength() > 0) {
              broken++;
            }
          }
        } catch (IOException e) {
          fail("cannot read " + file + ": " + e);
        }
      }
    }
    String summary =
        "TCK: " + run + " test cases, " + skipped + " skipped, " + broken + " failed or errored";
    if (run < expected || skipped > 0 || broken > 0) {
      fail(summary + "; expected at least " + expected + " run, none skipped or broken");
    }
    System.out.println(summary + " (expected at least " + expected + ")");
  }

  private static void fail(String message) {
    System.err.println(message);
    System.exit(1);
  }
}

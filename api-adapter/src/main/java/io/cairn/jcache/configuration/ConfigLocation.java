package io.cairn.jcache.configuration;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.cache.CacheException;

/**
 * Which file a cache manager's URI names, if any: the rules of {@link ConfigFileReader} for {@code
 * classpath:}, {@code file:} and {@code jar:} URIs, names without a scheme, and the URIs refused
 * because reading them would fetch something over a network.
 *
 * <p>Threading: stateless.
 */
final class ConfigLocation {

  /** The extensions of the three syntaxes; without a scheme, they make a URI name a resource. */
  private static final List<String> FILE_SUFFIXES = List.of(".conf", ".json", ".properties");

  /** Extensions of a syntax Cairn does not read, refused with a message rather than misparsed. */
  private static final List<String> YAML_SUFFIXES = List.of(".yml", ".yaml");

  /**
   * Schemes of the archive inside a {@code jar:} URI that are read, besides a local {@code file:}:
   * Spring Boot's {@code nested:}, a jar inside the application's own jar.
   */
  private static final Set<String> LOCAL_ARCHIVE_SCHEMES = Set.of("nested");

  /**
   * The URL of the file {@code uri} names, or {@code null} when it is an opaque name. Only local
   * sources are read: nothing is fetched over a network, whatever the URI's extension. A fragment
   * ({@code classpath:cairn.conf#tests-1}) is not part of the file's name: it names another manager
   * on the same file (JCache keeps one manager per URI and class loader).
   *
   * @throws CacheException if {@code uri} names a YAML file: Cairn reads HOCON, JSON and properties
   */
  static URL locate(URI withFragment, ClassLoader classLoader) {
    URI uri = withoutFragment(withFragment);
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    String part = uri.getSchemeSpecificPart();
    String lower = part.toLowerCase(Locale.ROOT);
    if (YAML_SUFFIXES.stream().anyMatch(lower::endsWith)) {
      throw new CacheException(
          "Cairn configuration "
              + withFragment
              + " is refused: it names a YAML file, and Cairn reads only HOCON (.conf), JSON (.json)"
              + " and .properties files in Typesafe Config's syntax. In Spring Boot, put the"
              + " settings under cairn.* in application.yml instead (the starter reads them), or"
              + " name a .conf file");
    }
    if (scheme == null) {
      return hasConfigSuffix(part) ? resource(uri, part, classLoader) : null;
    }
    switch (scheme) {
      case "classpath":
        return resource(uri, part, classLoader);
      case "file":
        return localFile(uri, uri);
      case "jar":
        int separator = part.indexOf("!/");
        String archive = separator < 0 ? part : part.substring(0, separator);
        String inner = archive.contains(":") ? archive.substring(0, archive.indexOf(':')) : "";
        if (inner.equalsIgnoreCase("file")) {
          localFile(uri, parse(uri, archive));
        } else if (!LOCAL_ARCHIVE_SCHEMES.contains(inner.toLowerCase(Locale.ROOT))) {
          throw new CacheException(
              "Cairn configuration "
                  + uri
                  + " is refused: a jar: URI must name a local archive (jar:file:...), not a "
                  + (inner.isEmpty() ? "relative" : inner + ":")
                  + " one; Cairn fetches nothing over a network");
        }
        return url(uri, uri);
      default:
        if (hasConfigSuffix(part)) {
          throw new CacheException(
              "Cairn configuration "
                  + uri
                  + " is refused: only classpath:, file: and jar: URIs and names without a scheme"
                  + " are read as files, and Cairn fetches nothing over a network; a "
                  + scheme
                  + ": URI ending in "
                  + String.join(", ", FILE_SUFFIXES)
                  + " is neither read nor taken as an opaque name");
        }
        return null;
    }
  }

  /** {@code uri} without its fragment, or {@code uri} itself when it has none. */
  private static URI withoutFragment(URI uri) {
    if (uri.getRawFragment() == null) {
      return uri;
    }
    String text = uri.toString();
    return URI.create(text.substring(0, text.lastIndexOf('#')));
  }

  private static boolean hasConfigSuffix(String part) {
    String lower = part.toLowerCase(Locale.ROOT);
    return FILE_SUFFIXES.stream().anyMatch(lower::endsWith);
  }

  /** The class-path resource {@code name} of {@code classLoader}. */
  private static URL resource(URI uri, String name, ClassLoader classLoader) {
    String resource = name.startsWith("/") ? name.substring(1) : name;
    URL url = classLoader.getResource(resource);
    if (url == null) {
      throw new CacheException(
          "no Cairn configuration at " + uri + ": " + resource + " is not on the class path");
    }
    return url;
  }

  /**
   * The URL of {@code file}, a {@code file:} URI, refused unless it names a local path: the JDK
   * would fetch {@code file://host/...} over FTP.
   */
  private static URL localFile(URI uri, URI file) {
    try {
      Path.of(file);
    } catch (IllegalArgumentException | FileSystemNotFoundException e) {
      throw new CacheException(
          "Cairn configuration "
              + uri
              + " is refused: "
              + file
              + " does not name a local file ("
              + e.getMessage()
              + "); Cairn fetches nothing over a network");
    }
    return url(uri, file);
  }

  private static URI parse(URI uri, String inner) {
    try {
      return new URI(inner);
    } catch (URISyntaxException e) {
      throw new CacheException("no Cairn configuration at " + uri + ": " + e.getMessage(), e);
    }
  }

  private static URL url(URI uri, URI of) {
    try {
      return of.toURL();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new CacheException("no Cairn configuration at " + uri + ": " + e.getMessage(), e);
    }
  }

  private ConfigLocation() {}
}

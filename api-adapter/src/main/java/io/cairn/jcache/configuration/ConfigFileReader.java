package io.cairn.jcache.configuration;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.cairn.engine.EvictionPolicy;
import io.cairn.engine.SharedCapacity;
import io.cairn.engine.StoreConfig;
import io.cairn.jcache.serialization.DeserializationFilter;
import io.cairn.jcache.serialization.Serializer;
import java.lang.reflect.InvocationTargetException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URL;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import javax.cache.CacheException;
import javax.cache.expiry.Duration;

/**
 * Reads a cache manager's configuration file (HOCON, read with Typesafe Config) into a {@link
 * ManagerConfiguration}; docs/configuration.md describes the format.
 *
 * <p>Every key under {@code cairn} is checked: an unknown key, a value of the wrong kind or out of
 * range, a serializer class that cannot be loaded, or settings that do not fit together (a capacity
 * too small for its segments) fail with a {@link CacheException} whose message names the file and
 * the full key path, quoted the way HOCON needs it ({@code cairn.caches."com.example.Person"}).
 *
 * <p>Which URIs name a file: {@code classpath:name} (a resource of the manager's class loader),
 * {@code file:} URIs of a local path, {@code jar:} URIs of a local archive, and names without a
 * scheme ending in {@code .conf}, {@code .json} or {@code .properties} (looked up on the class
 * path). Such a URI that does not resolve is an error. A URI of any other scheme that ends in one
 * of those extensions ({@code http://host/cairn.conf}) is refused with an error: nothing is fetched
 * over a network. Any other URI is an opaque name and gets {@link ManagerConfiguration#BUILT_IN}.
 * {@code ConfigLocation} holds these rules.
 *
 * <p>Threading: stateless; {@link #read} may be called from any thread.
 */
public final class ConfigFileReader {

  private static final Set<String> ROOT_KEYS =
      Set.of("total-capacity", "defaults", "caches", "cluster");
  private static final Set<String> CACHE_KEYS =
      Set.of(
          "capacity",
          "segment-size",
          "shards",
          "eviction",
          "expiry",
          "store-by-value",
          "statistics",
          "management",
          "key-serializer",
          "value-serializer",
          "deserialization",
          "oversized-values",
          "cluster-mode",
          "persistence");
  private static final Set<String> EVICTION_KEYS =
      Set.of(
          "policy",
          "merge-segments",
          "merge-target-ratio",
          "merge-stop-ratio",
          "s3fifo-admission-ratio",
          "s3fifo-promotion-threshold",
          "frequency-bits",
          "tinylfu-window-ratio");

  /** The engine's name of each eviction parameter (its messages start with it) and its key. */
  private static final Map<String, String> PARAMETER_KEYS =
      Map.of(
          "mergeSegments", "merge-segments",
          "mergeTargetRatio", "merge-target-ratio",
          "mergeStopRatio", "merge-stop-ratio",
          "s3fifoAdmissionRatio", "s3fifo-admission-ratio",
          "s3fifoPromotionThreshold", "s3fifo-promotion-threshold",
          "frequencyBits", "frequency-bits",
          "tinyLfuWindowRatio", "tinylfu-window-ratio");

  /** The name of each {@link DeserializationFilter} component (its messages start with it). */
  private static final Map<String, String> FILTER_KEYS =
      Map.of(
          "allowedClasses", "allowed-classes",
          "maxDepth", "max-depth",
          "maxArrayLength", "max-array-length",
          "maxReferences", "max-references");

  private static final Set<String> PERSISTENCE_KEYS =
      Set.of("directory", "flush-interval", "restore-clustered");

  private static final Set<String> EXPIRY_KEYS =
      Set.of("after-creation", "after-update", "after-access");

  private static final String AUTO = "auto";

  /** The largest size or duration a setting holds. */
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  /** A duration without a unit is in milliseconds. */
  private static final long NANOS_PER_MILLI = 1_000_000;

  /** What messages name as the source: the file's URI, or the properties and the file. */
  private final String source;

  private final ClassLoader classLoader;

  private ConfigFileReader(String source, ClassLoader classLoader) {
    this.source = source;
    this.classLoader = classLoader;
  }

  /**
   * The configuration {@code uri} names, read with {@code classLoader}.
   *
   * @throws CacheException if {@code uri} names a file that cannot be found or read, or that holds
   *     an unknown key or a bad value
   */
  public static ManagerConfiguration read(URI uri, ClassLoader classLoader) {
    return read(uri, classLoader, null);
  }

  /**
   * The configuration {@code uri} names, with the settings among {@code properties} on top: each
   * property whose key starts with {@code cairn.} is a setting of the file's format, its key a
   * HOCON path ({@code cairn.caches."quotes.latest".capacity}) and its value a string as the file
   * would hold it ({@code 64MiB}, {@code 10m}, {@code true}, {@code tinylfu}), a number, a boolean
   * or a list of strings ({@code allowed-classes}). Per key, a property wins over the file; the
   * merged tree is checked as a file is, and a message about a setting names both sources. Without
   * such properties this is {@link #read(URI, ClassLoader)}.
   *
   * @param properties the properties given to {@code getCacheManager}, or {@code null}
   * @throws CacheException as {@link #read(URI, ClassLoader)}, and for a bad property
   */
  public static ManagerConfiguration read(URI uri, ClassLoader classLoader, Properties properties) {
    Map<String, Object> settings = new LinkedHashMap<>();
    if (properties != null) {
      for (String key : new TreeSet<>(properties.stringPropertyNames())) {
        if (key.startsWith("cairn.")) {
          settings.put(key, properties.getProperty(key));
        }
      }
      for (Map.Entry<Object, Object> entry : properties.entrySet()) { // lists are not strings
        if (entry.getKey() instanceof String key
            && key.startsWith("cairn.")
            && entry.getValue() instanceof List<?> list) {
          settings.put(key, List.copyOf(list));
        }
      }
    }
    URL url = ConfigLocation.locate(uri, classLoader);
    if (url == null && settings.isEmpty()) {
      return ManagerConfiguration.BUILT_IN;
    }
    Config config = ConfigFactory.empty();
    if (url != null) {
      try {
        config =
            ConfigFactory.parseURL(
                    url,
                    ConfigParseOptions.defaults()
                        .setAllowMissing(false)
                        .setClassLoader(classLoader))
                .resolve();
      } catch (ConfigException e) {
        throw new CacheException(
            "cannot read the Cairn configuration " + uri + ": " + e.getMessage(), e);
      }
    }
    String label = uri.toString();
    if (!settings.isEmpty()) {
      try {
        config = ConfigFactory.parseMap(settings, "cairn.* properties").withFallback(config);
      } catch (ConfigException e) {
        throw new CacheException(
            "cannot read the cairn.* properties of cache manager " + uri + ": " + e.getMessage(),
            e);
      }
      label =
          url == null
              ? "the cairn.* properties of cache manager " + uri
              : "the cairn.* properties over " + uri;
    }
    return new ConfigFileReader(label, classLoader).manager(config, uri);
  }

  private ManagerConfiguration manager(Config file, URI uri) {
    if (!file.root().containsKey("cairn")) {
      throw new CacheException(
          source + " has no cairn section; expected cairn { defaults { ... }, caches { ... } }");
    }
    ConfigObject cairn = object(file.root(), List.of(), "cairn");
    checkKeys(cairn, List.of("cairn"), ROOT_KEYS);
    long total = 0;
    if (cairn.containsKey("total-capacity")) {
      total = positiveBytes(cairn, List.of("cairn"), "total-capacity");
    }
    SharedCapacity shared = total > 0 ? new SharedCapacity(total) : null;

    CairnConfiguration<Object, Object> defaults = new CairnConfiguration<>();
    if (cairn.containsKey("defaults")) {
      List<String> path = List.of("cairn", "defaults");
      ConfigObject section = object(cairn, List.of("cairn"), "defaults");
      if (section.containsKey("persistence")) {
        throw bad(
            path,
            "persistence",
            "is refused: persistence is set per cache, in its section under cairn.caches, so that"
                + " caches created on the fly (every Hibernate region) never persist by accident");
      }
      defaults = cache(section, path, defaults);
    }
    checkFits(defaults, List.of("cairn", "defaults"), shared);

    Map<String, CairnConfiguration<Object, Object>> caches = new LinkedHashMap<>();
    if (cairn.containsKey("caches")) {
      ConfigObject sections = object(cairn, List.of("cairn"), "caches");
      for (String name : new TreeSet<>(sections.keySet())) { // HOCON keeps no order
        List<String> path = List.of("cairn", "caches", name);
        ConfigObject section = object(sections, List.of("cairn", "caches"), name);
        CairnConfiguration<Object, Object> cache = cache(section, path, defaults);
        checkFits(cache, path, shared);
        if (cache.getPersistence() != null && !cache.isStoreByValue()) {
          throw bad(
              path,
              "persistence",
              "needs store-by-value = true: a cache stored by reference keeps its entries on the"
                  + " Java heap");
        }
        caches.put(name, cache);
      }
    }
    Config cluster = null;
    if (cairn.containsKey("cluster")) {
      // checked by the cluster module, which alone knows its keys; here only that it is a section
      cluster = object(cairn, List.of("cairn"), "cluster").toConfig();
    }
    return new ManagerConfiguration(uri, source, total, defaults, caches, cluster);
  }

  /** {@code base} with the settings of {@code section} on top. */
  private CairnConfiguration<Object, Object> cache(
      ConfigObject section, List<String> path, CairnConfiguration<Object, Object> base) {
    checkKeys(section, path, CACHE_KEYS);
    CairnConfiguration<Object, Object> c = new CairnConfiguration<>(base);
    if (section.containsKey("capacity")) {
      c.setCapacityBytes(positiveBytes(section, path, "capacity"));
    }
    if (section.containsKey("segment-size") && !isAuto(section, "segment-size")) {
      long size = positiveBytes(section, path, "segment-size");
      if (size < StoreConfig.MIN_SEGMENT_SIZE
          || size > StoreConfig.MAX_SEGMENT_SIZE
          || size % 8 != 0) {
        throw bad(
            path,
            "segment-size",
            "must be auto or a multiple of 8 bytes from 4KiB to 8MiB, not " + size + " bytes");
      }
      c.setSegmentSize((int) size);
    } else if (section.containsKey("segment-size")) {
      c.setSegmentSize(0);
    }
    if (section.containsKey("shards") && !isAuto(section, "shards")) {
      long shards = whole(section, path, "shards", "auto or a power of two from 1 to 256");
      if (shards < 1 || shards > StoreConfig.MAX_SHARDS || Long.bitCount(shards) != 1) {
        throw bad(
            path,
            "shards",
            "must be auto or a power of two from 1 to "
                + StoreConfig.MAX_SHARDS
                + ", not "
                + shards);
      }
      c.setShards((int) shards);
    } else if (section.containsKey("shards")) {
      c.setShards(0);
    }
    if (section.containsKey("eviction")) {
      eviction(object(section, path, "eviction"), append(path, "eviction"), c);
    }
    if (section.containsKey("expiry")) {
      c.setExpiryPolicyFactory(expiry(section, path, base));
    }
    booleanSetting(section, path, "store-by-value", c::setStoreByValue);
    booleanSetting(section, path, "statistics", c::setStatisticsEnabled);
    booleanSetting(section, path, "management", c::setManagementEnabled);
    if (section.containsKey("key-serializer")) {
      c.setKeySerializer(serializer(section, path, "key-serializer"));
    }
    if (section.containsKey("value-serializer")) {
      c.setValueSerializer(serializer(section, path, "value-serializer"));
    }
    if (section.containsKey("oversized-values")) {
      c.setOversizedValues(oversizedValues(section, path));
    }
    if (section.containsKey("cluster-mode")) {
      c.setClusterMode(clusterMode(section, path));
    }
    if (section.containsKey("persistence")) {
      c.setPersistence(
          persistence(object(section, path, "persistence"), append(path, "persistence")));
    }
    if (section.containsKey("deserialization")) {
      c.setDeserializationFilter(
          deserialization(
              object(section, path, "deserialization"),
              append(path, "deserialization"),
              c.getDeserializationFilter()));
    }
    return c;
  }

  private void eviction(ConfigObject eviction, List<String> path, CairnConfiguration<?, ?> c) {
    checkKeys(eviction, path, EVICTION_KEYS);
    if (eviction.containsKey("policy")) {
      c.setEvictionPolicy(policy(eviction, path));
    }
    EvictionParameters inherited = c.getEvictionParameters();
    EvictionParameters parameters;
    try {
      parameters =
          new EvictionParameters(
              count(eviction, path, "merge-segments", inherited.mergeSegments()),
              ratio(eviction, path, "merge-target-ratio", inherited.mergeTargetRatio()),
              ratio(eviction, path, "merge-stop-ratio", inherited.mergeStopRatio()),
              ratio(eviction, path, "s3fifo-admission-ratio", inherited.s3fifoAdmissionRatio()),
              count(
                  eviction,
                  path,
                  "s3fifo-promotion-threshold",
                  inherited.s3fifoPromotionThreshold()),
              count(eviction, path, "frequency-bits", inherited.frequencyBits()),
              ratio(eviction, path, "tinylfu-window-ratio", inherited.tinyLfuWindowRatio()));
    } catch (IllegalArgumentException e) { // the engine's check, in the record's constructor
      throw refused(path, PARAMETER_KEYS, e);
    }
    c.setEvictionParameters(parameters);
  }

  private CachePersistence persistence(ConfigObject section, List<String> path) {
    checkKeys(section, path, PERSISTENCE_KEYS);
    if (!section.containsKey("directory")) {
      throw new CacheException(
          source
              + ": "
              + ConfigUtil.joinPath(path)
              + " needs a directory = \"...\", under which the cache keeps its files");
    }
    String expected = "a directory path, such as \"/var/cache/app\"";
    String name = get(path, "directory", expected, () -> section.toConfig().getString("directory"));
    if (name.isBlank()) {
      throw bad(path, "directory", "must be " + expected + ", not \"" + name + "\"");
    }
    CachePersistence persistence;
    try {
      persistence = CachePersistence.in(Path.of(name.trim()));
    } catch (InvalidPathException e) {
      throw bad(path, "directory", "must be " + expected + ", not \"" + name + "\": " + e);
    }
    if (section.containsKey("flush-interval")) {
      long millis = duration(section, path, "flush-interval").getDurationAmount();
      persistence = persistence.flushIntervalMillis(millis);
    }
    if (section.containsKey("restore-clustered")) {
      persistence = persistence.restoreClustered(bool(section, path, "restore-clustered"));
    }
    return persistence;
  }

  private OversizedValues oversizedValues(ConfigObject section, List<String> path) {
    String allowed = "fail, skip or auto";
    String name =
        get(
            path,
            "oversized-values",
            allowed,
            () -> section.toConfig().getString("oversized-values"));
    for (OversizedValues value : OversizedValues.values()) {
      if (value.name().equalsIgnoreCase(name.trim())) {
        return value;
      }
    }
    throw bad(path, "oversized-values", "must be " + allowed + ", not \"" + name + "\"");
  }

  private ClusterMode clusterMode(ConfigObject section, List<String> path) {
    String allowed = "local, invalidate-async or invalidate-sync";
    String name =
        get(path, "cluster-mode", allowed, () -> section.toConfig().getString("cluster-mode"));
    ClusterMode mode = ClusterMode.ofKey(name);
    if (mode == null) {
      throw bad(path, "cluster-mode", "must be " + allowed + ", not \"" + name + "\"");
    }
    return mode;
  }

  private EvictionPolicy policy(ConfigObject eviction, List<String> path) {
    String allowed =
        Arrays.stream(EvictionPolicy.values()).map(Enum::name).collect(Collectors.joining(", "));
    String name =
        get(path, "policy", "one of " + allowed, () -> eviction.toConfig().getString("policy"));
    for (EvictionPolicy policy : EvictionPolicy.values()) {
      if (policy.name().equalsIgnoreCase(name.trim())) {
        return policy;
      }
    }
    throw bad(path, "policy", "must be one of " + allowed + " (any case), not \"" + name + "\"");
  }

  /** The whole number at {@code key}, or {@code inherited} when the key is absent. */
  private int count(ConfigObject object, List<String> path, String key, int inherited) {
    if (!object.containsKey(key)) {
      return inherited;
    }
    long value = whole(object, path, key, "a whole number");
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw bad(path, key, "must be a whole number the engine accepts, not " + value);
    }
    return (int) value;
  }

  /** The number at {@code key}, or {@code inherited} when the key is absent. */
  private double ratio(ConfigObject object, List<String> path, String key, double inherited) {
    if (!object.containsKey(key)) {
      return inherited;
    }
    return exact(object, path, key, "a number").doubleValue(); // the engine checks the range
  }

  /** The filter of {@code section}, each key absent taken from {@code inherited}. */
  private DeserializationFilter deserialization(
      ConfigObject section, List<String> path, DeserializationFilter inherited) {
    checkKeys(section, path, Set.copyOf(FILTER_KEYS.values()));
    List<String> allowed = inherited.allowedClasses();
    if (section.containsKey("allowed-classes")) {
      allowed =
          get(
              path,
              "allowed-classes",
              "a list of class-name patterns such as [\"com.example.**\", \"java.base/*\"]",
              () -> section.toConfig().getStringList("allowed-classes"));
    }
    long maxDepth = bound(section, path, "max-depth", inherited.maxDepth());
    long maxArrayLength = bound(section, path, "max-array-length", inherited.maxArrayLength());
    long maxReferences = bound(section, path, "max-references", inherited.maxReferences());
    try {
      return new DeserializationFilter(allowed, maxDepth, maxArrayLength, maxReferences);
    } catch (IllegalArgumentException e) {
      throw refused(path, FILTER_KEYS, e);
    }
  }

  private long bound(ConfigObject section, List<String> path, String key, long inherited) {
    return section.containsKey(key) ? whole(section, path, key, "a whole number") : inherited;
  }

  /** The expiry of {@code section}: {@code expiry = null} resets it to eternal. */
  private ExpiryPolicyImpl expiry(
      ConfigObject section, List<String> path, CairnConfiguration<?, ?> base) {
    if (section.get("expiry").valueType() == ConfigValueType.NULL) {
      return ExpiryPolicyImpl.ETERNAL;
    }
    ConfigObject expiry = object(section, path, "expiry");
    List<String> at = append(path, "expiry");
    checkKeys(expiry, at, EXPIRY_KEYS);
    ExpiryPolicyImpl result =
        base.getExpiryPolicyFactory() instanceof ExpiryPolicyImpl inherited
            ? inherited
            : ExpiryPolicyImpl.ETERNAL;
    if (expiry.containsKey("after-creation")) {
      result = result.withAfterCreation(duration(expiry, at, "after-creation"));
    }
    if (expiry.containsKey("after-update")) {
      result = result.withAfterUpdate(duration(expiry, at, "after-update"));
    }
    if (expiry.containsKey("after-access")) {
      result = result.withAfterAccess(duration(expiry, at, "after-access"));
    }
    return result;
  }

  /** A positive duration in whole milliseconds: a number alone is milliseconds. */
  private Duration duration(ConfigObject object, List<String> path, String key) {
    String expected = "a positive duration in whole milliseconds, such as 10s, 5m or 1h";
    BigDecimal nanos =
        quantity(
            object,
            path,
            key,
            expected,
            NANOS_PER_MILLI,
            unit ->
                ConfigFactory.parseMap(Map.of("x", "1 " + unit))
                    .getDuration("x", TimeUnit.NANOSECONDS));
    BigDecimal millis = nanos.divide(BigDecimal.valueOf(NANOS_PER_MILLI));
    return new Duration(
        TimeUnit.MILLISECONDS, positiveLong(path, key, expected, millis, object.get(key)));
  }

  private Serializer<Object> serializer(ConfigObject section, List<String> path, String key) {
    String className =
        get(
            path,
            key,
            "a class name",
            () -> section.toConfig().getString(ConfigUtil.joinPath(key)));
    Class<?> type;
    try {
      type = Class.forName(className.trim(), false, classLoader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw bad(path, key, "names class " + className + ", which " + classLoader + " cannot load");
    }
    if (!Serializer.class.isAssignableFrom(type)) {
      throw bad(
          path,
          key,
          "names " + className + ", which does not implement " + Serializer.class.getName());
    }
    try {
      @SuppressWarnings("unchecked")
      Serializer<Object> serializer = (Serializer<Object>) type.getConstructor().newInstance();
      return serializer;
    } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
      throw bad(path, key, "names " + className + ", which has no public no-argument constructor");
    } catch (InvocationTargetException e) {
      throw bad(path, key, "names " + className + ", whose constructor threw " + e.getCause());
    }
  }

  /** Checks that the engine accepts the settings together, as it will when the cache opens. */
  private void checkFits(CairnConfiguration<?, ?> c, List<String> path, SharedCapacity shared) {
    try {
      c.toStoreConfig("check", shared).build();
    } catch (IllegalArgumentException e) {
      String where = ConfigUtil.joinPath(path);
      String problem =
          e.getMessage().startsWith("sharedCapacity=")
              ? "cairn.total-capacity cannot hold the minimum of one cache of " + where + ": "
              : "the settings of " + where + " do not fit together: ";
      throw new CacheException(source + ": " + problem + e.getMessage());
    }
  }

  private void booleanSetting(
      ConfigObject section, List<String> path, String key, Consumer<Boolean> setter) {
    if (section.containsKey(key)) {
      setter.accept(bool(section, path, key));
    }
  }

  private boolean bool(ConfigObject section, List<String> path, String key) {
    return get(
        path, key, "true or false", () -> section.toConfig().getBoolean(ConfigUtil.joinPath(key)));
  }

  /** A positive size in bytes: a number alone is bytes. */
  private long positiveBytes(ConfigObject object, List<String> path, String key) {
    String expected = "a positive size in whole bytes, such as 64MiB";
    BigDecimal bytes =
        quantity(
            object,
            path,
            key,
            expected,
            1,
            unit -> ConfigFactory.parseMap(Map.of("x", "1 " + unit)).getBytes("x"));
    return positiveLong(path, key, expected, bytes, object.get(key));
  }

  /** {@code value}, which must be a whole number from 1 to {@link Long#MAX_VALUE}. */
  private long positiveLong(
      List<String> path, String key, String expected, BigDecimal value, ConfigValue raw) {
    if (value.signum() <= 0 || !isWhole(value) || value.compareTo(LONG_MAX) > 0) {
      throw bad(path, key, "must be " + expected + ", not " + raw.render());
    }
    return value.longValueExact();
  }

  /**
   * The value at {@code key}, a number with an optional unit, exactly: the number times the size of
   * one {@code unit} that {@code unitSize} reads (Typesafe Config's units), or times {@code
   * withoutUnit} when there is none. Nothing is rounded, truncated or saturated, as Typesafe
   * Config's own getters do ({@code 1.5} bytes, a 23-digit size).
   */
  private BigDecimal quantity(
      ConfigObject object,
      List<String> path,
      String key,
      String expected,
      long withoutUnit,
      ToLongFunction<String> unitSize) {
    String text = text(object, path, key, expected);
    int end = text.length();
    while (end > 0 && Character.isLetter(text.charAt(end - 1))) {
      end--;
    }
    String unit = text.substring(end).trim();
    BigDecimal number = decimal(path, key, expected, text.substring(0, end).trim(), text);
    long size =
        unit.isEmpty() ? withoutUnit : get(path, key, expected, () -> unitSize.applyAsLong(unit));
    return number.multiply(BigDecimal.valueOf(size));
  }

  /** The whole number at {@code key}, without a unit, in the range of a long. */
  private long whole(ConfigObject object, List<String> path, String key, String expected) {
    BigDecimal value = exact(object, path, key, expected);
    if (!isWhole(value)
        || value.compareTo(LONG_MAX) > 0
        || value.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0) {
      throw bad(path, key, "must be " + expected + ", not " + object.get(key).render());
    }
    return value.longValueExact();
  }

  /** The number at {@code key}, without a unit, exactly as written. */
  private BigDecimal exact(ConfigObject object, List<String> path, String key, String expected) {
    String text = text(object, path, key, expected);
    return decimal(path, key, expected, text, text);
  }

  private BigDecimal decimal(
      List<String> path, String key, String expected, String number, String text) {
    try {
      return new BigDecimal(number);
    } catch (NumberFormatException e) { // also NaN and Infinity, which BigDecimal has not
      throw bad(path, key, "must be " + expected + ", not " + ConfigUtil.quoteString(text));
    }
  }

  /** The text of a number or string value; any other kind is refused. */
  private String text(ConfigObject object, List<String> path, String key, String expected) {
    ConfigValue value = object.get(key);
    if (value.valueType() == ConfigValueType.NUMBER) {
      return ((Number) value.unwrapped()).toString();
    } else if (value.valueType() == ConfigValueType.STRING) {
      return ((String) value.unwrapped()).trim();
    }
    throw bad(
        path,
        key,
        "must be "
            + expected
            + ", not "
            + value.valueType().name().toLowerCase(Locale.ROOT)
            + " "
            + value.render());
  }

  private static boolean isWhole(BigDecimal value) {
    return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
  }

  private static boolean isAuto(ConfigObject object, String key) {
    ConfigValue value = object.get(key);
    return value.valueType() == ConfigValueType.STRING
        && AUTO.equalsIgnoreCase(String.valueOf(value.unwrapped()).trim());
  }

  /** What {@code getter} reads, or a {@link CacheException} naming the key and what it expects. */
  private <T> T get(List<String> path, String key, String expected, Getter<T> getter) {
    try {
      return getter.get();
    } catch (ConfigException e) {
      throw bad(path, key, "must be " + expected + ": " + e.getMessage());
    }
  }

  private ConfigObject object(ConfigObject parent, List<String> path, String key) {
    ConfigValue value = parent.get(key);
    if (value.valueType() != ConfigValueType.OBJECT) {
      throw bad(
          path,
          key,
          "must be an object { ... }, not "
              + value.valueType().name().toLowerCase(Locale.ROOT)
              + " "
              + value.render());
    }
    return (ConfigObject) value;
  }

  private void checkKeys(ConfigObject object, List<String> path, Set<String> allowed) {
    for (Map.Entry<String, ConfigValue> entry : object.entrySet()) {
      String key = entry.getKey();
      if (allowed.contains(key)) {
        continue;
      }
      String message =
          source
              + ": unknown key "
              + ConfigUtil.joinPath(append(path, key))
              + lineOf(entry.getValue())
              + "; allowed here: "
              + allowed.stream().sorted().collect(Collectors.joining(", "));
      String name = dottedCacheName(path, key, entry.getValue());
      if (name != null) {
        message +=
            ". A cache name containing dots must be quoted, or HOCON reads it as nested keys:"
                + " caches { "
                + ConfigUtil.quoteString(name)
                + " { ... } }";
      }
      throw new CacheException(message);
    }
  }

  /**
   * The dotted cache name an unquoted {@code caches { a.b.c { ... } } } was meant to be, when
   * {@code key} is an unknown key directly inside a cache section; otherwise {@code null}.
   */
  private static String dottedCacheName(List<String> path, String key, ConfigValue value) {
    if (path.size() != 3 || !path.get(1).equals("caches")) {
      return null;
    }
    StringBuilder name = new StringBuilder(path.get(2)).append('.').append(key);
    while (value instanceof ConfigObject object) {
      if (object.keySet().stream().anyMatch(CACHE_KEYS::contains) || object.size() != 1) {
        return name.toString();
      }
      String next = object.keySet().iterator().next();
      name.append('.').append(next);
      value = object.get(next);
    }
    return null;
  }

  /**
   * {@code e}, a setting's refusal whose message starts with the setting's name (then {@code =} or
   * a space), as a {@link CacheException} naming the file key that {@code keys} maps it to.
   */
  private CacheException refused(
      List<String> path, Map<String, String> keys, IllegalArgumentException e) {
    String message = e.getMessage();
    int end = message.length();
    for (char c : new char[] {'=', ' '}) {
      end = message.indexOf(c) < 0 ? end : Math.min(end, message.indexOf(c));
    }
    String key = keys.get(message.substring(0, end));
    if (key == null) { // every setting's message starts with its name; in case one does not
      return new CacheException(source + ": " + ConfigUtil.joinPath(path) + ": " + message);
    }
    return bad(path, key, message);
  }

  private CacheException bad(List<String> path, String key, String problem) {
    return new CacheException(
        source + ": " + ConfigUtil.joinPath(append(path, key)) + " " + problem);
  }

  private static String lineOf(ConfigValue value) {
    int line = value.origin().lineNumber();
    return line > 0 ? " (line " + line + ")" : "";
  }

  private static List<String> append(List<String> path, String key) {
    List<String> longer = new ArrayList<>(path);
    longer.add(key);
    return longer;
  }

  @FunctionalInterface
  private interface Getter<T> {
    T get();
  }
}

package io.cairn.jcache.configuration;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which sections of a manager's configuration file its caches use, and the warnings that catch a
 * misspelt cache name: a cache created without a section of its own while a section's name is
 * within a few edits of it, or differs only in case ({@link #created}); and, when the manager
 * closes, the sections no cache used ({@link #closed}). A misspelt section is otherwise silent: the
 * cache it was meant for quietly runs on the defaults.
 *
 * <p>A section counts as used when a cache of its name is created, however it is configured.
 *
 * <p>Threading: thread-safe.
 */
public final class SectionUse {
  private static final Logger LOG = LoggerFactory.getLogger(SectionUse.class);

  /** Names up to this long are matched only by case: any two are a couple of edits apart. */
  private static final int SHORTEST_FUZZY_NAME = 3;

  /** Names shorter than this are allowed one edit; longer ones two. */
  private static final int SHORTEST_TWO_EDIT_NAME = 6;

  /** A long dotted region name is allowed one edit more per this many characters. */
  private static final int CHARACTERS_PER_EXTRA_EDIT = 24;

  private final ManagerConfiguration file;
  private final Set<String> used = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean reported = new AtomicBoolean();

  /** Tracks the use of the sections of {@code file}. */
  public SectionUse(ManagerConfiguration file) {
    this.file = file;
  }

  /**
   * Records that the cache {@code cacheName} was created; if the file has no section of that name,
   * logs a warning naming the sections that look like a misspelling of it.
   */
  public void created(String cacheName) {
    used.add(cacheName);
    if (file.declares(cacheName) || file.cacheNames().isEmpty()) {
      return;
    }
    List<String> lookalikes = lookalikes(cacheName, file.cacheNames());
    lookalikes.removeAll(used);
    if (!lookalikes.isEmpty()) {
      LOG.warn(
          "cache {} has no section in {} and takes its defaults, but section(s) {} differ from its"
              + " name only in case or by a few characters: is the section's name misspelt?",
          quote(cacheName),
          file.source(),
          lookalikes.stream().map(SectionUse::quote).toList());
    }
  }

  /** Logs, once, the sections of the file that no cache used; the manager calls it on close. */
  public void closed() {
    if (!reported.compareAndSet(false, true)) {
      return;
    }
    Set<String> unused = new TreeSet<>(file.cacheNames());
    unused.removeAll(used);
    if (!unused.isEmpty()) {
      LOG.warn(
          "cache manager of {} closes, and no cache of the section(s) {} was ever created: are"
              + " their names misspelt?",
          file.source(),
          unused.stream().map(SectionUse::quote).toList());
    }
  }

  /**
   * The names among {@code sections} that differ from {@code name} only in case, or by at most
   * {@link #tolerance} edits (insertions, deletions, substitutions and swaps of neighbours),
   * closest first.
   */
  static List<String> lookalikes(String name, Collection<String> sections) {
    int tolerance = tolerance(name.length());
    List<String> found = new ArrayList<>();
    int best = Integer.MAX_VALUE;
    for (String section : sections) {
      if (section.equals(name)) {
        continue;
      }
      int distance =
          section.equalsIgnoreCase(name)
              ? 0
              : distance(name.toLowerCase(Locale.ROOT), section.toLowerCase(Locale.ROOT));
      if (distance > tolerance || distance > best) {
        continue;
      }
      if (distance < best) {
        found.clear();
        best = distance;
      }
      found.add(section);
    }
    return found;
  }

  /** The edits allowed between a name of {@code length} characters and a section's. */
  static int tolerance(int length) {
    if (length <= SHORTEST_FUZZY_NAME) {
      return 0;
    }
    if (length < SHORTEST_TWO_EDIT_NAME) {
      return 1;
    }
    return 2 + length / CHARACTERS_PER_EXTRA_EDIT;
  }

  /**
   * The optimal string alignment distance: the fewest insertions, deletions, substitutions and
   * swaps of two neighbouring characters that turn {@code a} into {@code b}.
   */
  static int distance(String a, String b) {
    int[] beforeLast = new int[b.length() + 1];
    int[] last = new int[b.length() + 1];
    int[] row = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      last[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      row[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        row[j] = Math.min(Math.min(row[j - 1] + 1, last[j] + 1), last[j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          row[j] = Math.min(row[j], beforeLast[j - 2] + 1);
        }
      }
      int[] recycled = beforeLast;
      beforeLast = last;
      last = row;
      row = recycled;
    }
    return last[b.length()];
  }

  private static String quote(String name) {
    return '"' + name + '"';
  }
}

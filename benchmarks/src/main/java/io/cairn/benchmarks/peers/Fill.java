package io.cairn.benchmarks.peers;

/** Opens a cache and puts every key into it, checking that all of them stayed. */
final class Fill {

  private Fill() {}

  /**
   * A cache of {@code peer} holding keys {@code 0..entries-1}, key {@code k} mapped to {@code
   * variants[k % variants.length]}.
   *
   * @throws IllegalStateException if a key is missing after the fill (the cache evicted)
   */
  static CacheUnderTest filled(
      Peer peer, ValueKind kind, int entries, Long[] keys, Object[] variants) {
    CacheUnderTest cache = peer.open(kind, entries);
    for (int k = 0; k < entries; k++) {
      cache.put(keys[k], variants[k % variants.length]);
    }
    for (int k = 0; k < entries; k += 997) {
      if (cache.get(keys[k]) == null) {
        cache.close();
        throw new IllegalStateException(peer + " lost key " + k + " of " + entries + " on fill");
      }
    }
    return cache;
  }
}

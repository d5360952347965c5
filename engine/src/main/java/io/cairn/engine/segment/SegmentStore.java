package io.cairn.engine.segment;

import io.cairn.engine.ByteStore;
import io.cairn.engine.StoreConfig;

/** The segment-structured store. Internal: use {@link ByteStore#open}. */
public final class SegmentStore {
  private SegmentStore() {}

  /** Opens a store. */
  public static ByteStore open(StoreConfig config) {
    throw new UnsupportedOperationException("engine under construction: " + config);
  }
}

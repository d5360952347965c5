package io.cairn.jcache.configuration;

import io.cairn.engine.StoreConfig;
import java.io.Serializable;

/**
 * The tuning of the eviction policies; each parameter matters only to the policies named. The
 * constructor checks the values as the engine does ({@link StoreConfig.Builder#build()}) and
 * refuses a bad one with an {@link IllegalArgumentException} naming it and its value, such as
 * {@code mergeSegments=1 must be at least 2}.
 *
 * @param mergeSegments MERGE: segments one merge takes, at least 2
 * @param mergeTargetRatio MERGE: share of a merged segment's bytes that may survive, in (0, 1]
 * @param mergeStopRatio MERGE: fill of the destination at which a merge stops, in (0, 1]
 * @param s3fifoAdmissionRatio S3FIFO: the admission pool's share of the segments, in (0, 1)
 * @param s3fifoPromotionThreshold S3FIFO: reads that promote an item from the admission pool, from
 *     1 to what {@code frequencyBits} can count
 * @param frequencyBits MERGE, S3FIFO, TINYLFU: width of the per-item read counter, 1 to 8 bits
 * @param tinyLfuWindowRatio TINYLFU: the window pool's share of the segments while frequency pays,
 *     in (0, 1); the policy switches to an 85% window where recency pays
 */
public record EvictionParameters(
    int mergeSegments,
    double mergeTargetRatio,
    double mergeStopRatio,
    double s3fifoAdmissionRatio,
    int s3fifoPromotionThreshold,
    int frequencyBits,
    double tinyLfuWindowRatio)
    implements Serializable {

  /** Refuses a value the engine would refuse, naming it; every policy's values are checked. */
  public EvictionParameters(
      int mergeSegments,
      double mergeTargetRatio,
      double mergeStopRatio,
      double s3fifoAdmissionRatio,
      int s3fifoPromotionThreshold,
      int frequencyBits,
      double tinyLfuWindowRatio) {
    this.mergeSegments = mergeSegments;
    this.mergeTargetRatio = mergeTargetRatio;
    this.mergeStopRatio = mergeStopRatio;
    this.s3fifoAdmissionRatio = s3fifoAdmissionRatio;
    this.s3fifoPromotionThreshold = s3fifoPromotionThreshold;
    this.frequencyBits = frequencyBits;
    this.tinyLfuWindowRatio = tinyLfuWindowRatio;
    applyTo(StoreConfig.builder(CHECK_CAPACITY_BYTES)).build(); // reads the fields just set
  }

  /** A capacity any segment size and shard count the defaults choose fits in, for the check. */
  private static final long CHECK_CAPACITY_BYTES = 1L << 30;

  /** The engine's defaults, from segcache, the S3-FIFO paper and the hit-ratio traces. */
  public static final EvictionParameters DEFAULTS =
      new EvictionParameters(
          StoreConfig.DEFAULT_MERGE_SEGMENTS,
          StoreConfig.DEFAULT_MERGE_TARGET_RATIO,
          StoreConfig.DEFAULT_MERGE_STOP_RATIO,
          StoreConfig.DEFAULT_S3FIFO_ADMISSION_RATIO,
          StoreConfig.DEFAULT_S3FIFO_PROMOTION_THRESHOLD,
          StoreConfig.DEFAULT_FREQUENCY_BITS,
          StoreConfig.DEFAULT_TINYLFU_WINDOW_RATIO);

  /** Sets these parameters on {@code builder}. */
  StoreConfig.Builder applyTo(StoreConfig.Builder builder) {
    return builder
        .mergeSegments(mergeSegments)
        .mergeTargetRatio(mergeTargetRatio)
        .mergeStopRatio(mergeStopRatio)
        .s3fifoAdmissionRatio(s3fifoAdmissionRatio)
        .s3fifoPromotionThreshold(s3fifoPromotionThreshold)
        .frequencyBits(frequencyBits)
        .tinyLfuWindowRatio(tinyLfuWindowRatio);
  }
}

package io.cairn.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The {@link ByteStore} contract, run once per eviction policy: each concrete subclass names a
 * policy and may add tests of what that policy alone promises. A new policy needs only a subclass
 * that overrides {@link #policy()}.
 *
 * <p>Every test starts with the store of {@link StoreHarness#defaults()}: a clock the test moves by
 * hand, the background expirer off, and a listener that records every removal.
 */
abstract class ByteStoreContractTest
    implements ReadContract,
        WriteContract,
        CommitContract,
        ExpiryContract,
        RemovalListenerContract,
        IteratorContract,
        StatsContract,
        LifecycleContract,
        SizesContract,
        EvictionContract,
        LargeValuesContract {

  private StoreHarness harness;

  /** The eviction policy this run of the contract exercises. */
  protected abstract EvictionPolicy policy();

  @BeforeEach
  void openStore() {
    harness = new StoreHarness(policy());
    harness.reopen(b -> b);
  }

  @AfterEach
  void closeStore() {
    harness.close();
  }

  @Override
  public StoreHarness harness() {
    return harness;
  }
}

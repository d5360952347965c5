package io.cairn.engine;

/**
 * What every contract interface needs from the class that runs it: the store under test. The
 * contract is split by concern into interfaces of default test methods; {@link
 * ByteStoreContractTest} implements them all and is run once per eviction policy.
 */
interface StoreContract {

  StoreHarness harness();

  default ByteStore store() {
    return harness().store();
  }

  default long now() {
    return harness().now();
  }

  default RemovalRecorder removals() {
    return harness().removals;
  }
}

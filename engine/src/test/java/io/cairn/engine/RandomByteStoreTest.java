package io.cairn.engine;

/** The contract under RANDOM, which promises nothing beyond it. */
final class RandomByteStoreTest extends ByteStoreContractTest {

  @Override
  protected EvictionPolicy policy() {
    return EvictionPolicy.RANDOM;
  }
}

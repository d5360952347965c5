package io.cairn.engine;

/** The contract under MERGE. */
final class MergeByteStoreTest extends ByteStoreContractTest {

  @Override
  protected EvictionPolicy policy() {
    return EvictionPolicy.MERGE;
  }
}

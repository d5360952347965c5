package io.cairn.engine;

/** The contract under S3FIFO. */
final class S3FifoByteStoreTest extends ByteStoreContractTest {

  @Override
  protected EvictionPolicy policy() {
    return EvictionPolicy.S3FIFO;
  }
}

package io.cairn.engine.segment;

import io.cairn.engine.RemovalCause;

/** A removal to report to the listener once the shard lock is released. */
record Removal(byte[] key, byte[] value, RemovalCause cause) {}

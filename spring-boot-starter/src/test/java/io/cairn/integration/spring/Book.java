package io.cairn.integration.spring;

import java.io.Serializable;

/** A cached value: Cairn stores by value, so it must be serializable. */
public record Book(long id, String title) implements Serializable {}

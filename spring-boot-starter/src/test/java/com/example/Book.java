package com.example;

import java.io.Serializable;

// Cairn keeps values off the heap, serialized: they must be Serializable.
public record Book(long id, String title) implements Serializable {}

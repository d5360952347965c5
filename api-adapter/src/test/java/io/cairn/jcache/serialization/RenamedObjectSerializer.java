package io.cairn.jcache.serialization;

/**
 * {@link ObjectSerializer}'s bytes under another class name: a serializer that files name by class,
 * and that a persistent cache tells apart from the default one.
 */
public final class RenamedObjectSerializer implements Serializer<Object> {
  @Override
  public byte[] serialize(Object object) {
    return ObjectSerializer.INSTANCE.serialize(object);
  }

  @Override
  public Object deserialize(byte[] bytes, ClassLoader classLoader) {
    return ObjectSerializer.INSTANCE.deserialize(bytes, classLoader);
  }
}

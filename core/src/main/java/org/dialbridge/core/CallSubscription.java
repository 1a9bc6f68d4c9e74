package org.dialbridge.core;

/** A watch on one call ({@link Dialbridge#watch}); close it to stop hearing of the call. */
public interface CallSubscription extends AutoCloseable {
  @Override
  void close();
}

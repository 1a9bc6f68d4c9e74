package org.dialbridge.core.spi;

import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallEvent;
import org.dialbridge.core.model.WrapUp;

/**
 * Host CRM extension point: told of every stored status change, and of every saved wrap-up, after
 * its transaction committed. Exceptions thrown here are logged and ignored.
 *
 * <p>To write one CRM activity per call (a Task, a timeline entry), write it in {@link #onWrapUp},
 * keyed by the call's id: {@code wrapUp.revision()} is 1 for the first save (create it) and higher
 * for a later edit (update it). Status changes come once per provider event.
 */
@FunctionalInterface
public interface CallListener {

  /**
   * @param call the call as it now stands
   * @param event the event that changed it
   */
  void onStatusChange(Call call, CallEvent event);

  /**
   * The agent saved the call's wrap-up (disposition, note, callback time).
   *
   * @param call the call as it now stands
   * @param wrapUp the wrap-up as saved, with what a provider that keeps dispositions said of it
   */
  default void onWrapUp(Call call, WrapUp wrapUp) {}
}

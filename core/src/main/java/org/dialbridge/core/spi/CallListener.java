package org.dialbridge.core.spi;

import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallEvent;

/**
 * Host CRM extension point: told of every stored status change after its transaction committed, so
 * the CRM can write its own activity record. Exceptions thrown here are logged and ignored.
 */
@FunctionalInterface
public interface CallListener {

  /**
   * @param call the call as it now stands
   * @param event the event that changed it
   */
  void onStatusChange(Call call, CallEvent event);
}

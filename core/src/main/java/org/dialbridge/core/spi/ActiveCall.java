package org.dialbridge.core.spi;

import java.time.Instant;
import org.dialbridge.core.model.CallStatus;

/**
 * The call in progress on an extension, as the provider reports it. {@code state} is the provider's
 * word for it (an Asterisk channel state for BemMelhor); {@code status} its mapping, null where
 * none fits.
 */
public record ActiveCall(
    String id,
    String channel,
    String state,
    CallStatus status,
    String callerIdNumber,
    String linkedChannel,
    Instant since) {}

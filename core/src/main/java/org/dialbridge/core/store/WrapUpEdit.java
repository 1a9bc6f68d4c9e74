package org.dialbridge.core.store;

import java.time.Instant;

/**
 * What one save of a wrap-up sets, checked already: the disposition's code (or null), the note (or
 * null) and the callback time (or null).
 */
public record WrapUpEdit(String disposition, String note, Instant callbackAt) {}

package org.dialbridge.core.store;

/**
 * The webhook inbox at a glance.
 *
 * @param pending events accepted and not yet applied to their calls
 * @param parked events set aside because they failed to apply
 */
public record InboxCounts(long pending, long parked) {}

/**
 * A stand-in for the outside world: one local HTTP server that speaks the documented HTTP APIs of
 * C3, BemMelhor, Bandwidth (voice API v1) and uContact, and posts their documented webhooks back to
 * Dialbridge with realistic timing. Start it with {@link
 * org.dialbridge.demo.emulator.ProviderEmulator#start}; configure it with {@link
 * org.dialbridge.demo.emulator.EmulatorSettings}. It knows only the wire formats (it does not use
 * dialbridge-core), so it can catch an adapter that drifts from them.
 */
package org.dialbridge.demo.emulator;

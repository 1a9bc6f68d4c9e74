/**
 * The BemMelhor / BM Telecom (Brazil, Asterisk) adapter: {@code type=bemmelhor}. Internal; only the
 * factory is public.
 */
package org.dialbridge.core.provider.bemmelhor;

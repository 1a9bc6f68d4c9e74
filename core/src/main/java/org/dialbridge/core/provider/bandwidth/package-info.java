/**
 * The Bandwidth voice API v1 ("Catapult") adapter: {@code type=bandwidth}. Internal; only the
 * factory and its cause table are public.
 */
package org.dialbridge.core.provider.bandwidth;

/**
 * The Bandwidth voice API v2 adapter: {@code type=bandwidth-v2}. Internal; only the factory and its
 * cause table are public.
 */
package org.dialbridge.core.provider.bandwidthv2;

/** The C3 (Peru) adapter: {@code type=c3}. Internal; only the factory is public. */
package org.dialbridge.core.provider.c3;

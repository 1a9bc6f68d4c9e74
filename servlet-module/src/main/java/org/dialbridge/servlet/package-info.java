/**
 * Dialbridge in a servlet container: {@link org.dialbridge.servlet.DialbridgeInitializer} mounts it
 * with no code from its {@code ServletContainerInitializer}, {@link
 * org.dialbridge.servlet.DialbridgeMount} holds the parts any host registers, and the shared pieces
 * of the web layer (configuration sources, capped bodies, problem+json, error statuses). Parameters
 * and return values are non-null; what the Servlet API may leave null (a header, a principal, a
 * class loader) is checked where it is read.
 */
package org.dialbridge.servlet;

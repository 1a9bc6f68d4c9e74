/**
 * The call store over plain JDBC (H2 and PostgreSQL): {@link org.dialbridge.core.store.CallStore}.
 * Tables are prefixed {@code dialbridge_} and migrated by Dialbridge on start.
 */
package org.dialbridge.core.store;

/**
 * The sample CRM webapp (a plain WAR) with Dialbridge added as the README says; its own API, {@code
 * GET /api/ping}, answers {@code "user": null} when no one is signed in.
 */
package org.dialbridge.hosts.war;

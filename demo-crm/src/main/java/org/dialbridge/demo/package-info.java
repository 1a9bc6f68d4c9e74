/**
 * The demo CRM: a small sample CRM on embedded Jetty 12 (sign-in, contacts, a contact page with
 * Dialbridge's click-to-call button and the call history) that adds Dialbridge the way any CRM team
 * would: the JARs, a {@code dialbridge.properties}, and one {@link
 * org.dialbridge.core.spi.ContactDirectory} ({@link org.dialbridge.demo.DemoContactDirectory}).
 * {@link org.dialbridge.demo.DemoCrm} starts it with the {@link org.dialbridge.demo.emulator
 * provider emulator}; {@code java -jar dialbridge-demo.jar} runs it.
 */
package org.dialbridge.demo;

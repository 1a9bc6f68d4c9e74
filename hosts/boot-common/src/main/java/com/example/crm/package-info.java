/**
 * The sample CRM on Spring Boot that the Boot 3.5 and 4.0 hosts build: Spring Security's defaults
 * and the Dialbridge starter, configured only by {@code application.properties}. No nulls to speak
 * of.
 */
package com.example.crm;

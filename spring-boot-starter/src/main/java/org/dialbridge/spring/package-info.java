/**
 * The Spring Boot starter: auto-configuration that mounts Dialbridge's parts as registration beans,
 * fits Spring Security's filter chains to the API, and reports configuration errors through Boot's
 * failure analysis (docs/spring-boot.md). Parameters and return values are non-null; the starter's
 * own keys under {@code dialbridge.spring.} are null when unset, meaning Spring's principal name
 * and the {@code ROLE_} + admin-role authority.
 */
package org.dialbridge.spring;

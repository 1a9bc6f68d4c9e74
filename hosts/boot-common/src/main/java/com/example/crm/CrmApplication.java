package com.example.crm;

import java.security.Principal;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A CRM on Spring Boot with Spring Security's defaults (form login, HTTP Basic, CSRF on) and the
 * Dialbridge starter: no Dialbridge code here, only application.properties.
 */
@SpringBootApplication
@RestController
public class CrmApplication {
  public static void main(String[] args) {
    SpringApplication.run(CrmApplication.class, args);
  }

  /** The CRM's own API, which must keep working beside Dialbridge's. */
  @GetMapping("/api/hello")
  public String hello(Principal user) {
    return "hello " + user.getName();
  }

  @Bean
  InMemoryUserDetailsManager users() {
    return new InMemoryUserDetailsManager(
        User.withUsername("ana").password("{noop}ana").roles("AGENT").build(),
        User.withUsername("admin")
            .password("{noop}admin")
            .roles("AGENT", "dialbridge-admin")
            .build());
  }
}

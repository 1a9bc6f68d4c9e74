package org.dialbridge.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The demo CRM's own users, as any CRM has them. Dialbridge knows nothing of these passwords: it
 * sees the signed-in user's name through the servlet request and maps it to an extension with
 * {@code dialbridge.agents.<user>.extension}.
 */
final class DemoUsers {
  /**
   * A user of the demo CRM.
   *
   * @param extension shown on the sign-in page only; Dialbridge's own mapping is in its
   *     configuration
   */
  record User(String name, String password, String fullName, String extension, Set<String> roles) {
    User {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(password, "password == null");
      Objects.requireNonNull(fullName, "fullName == null");
      Objects.requireNonNull(extension, "extension == null");
      roles = Set.copyOf(roles);
    }
  }

  static final List<User> ALL =
      List.of(
          new User("ana", "ana", "Ana Pérez", "6001", Set.of("agent")),
          new User("bruno", "bruno", "Bruno Costa", "6002", Set.of("agent")),
          // an administrator: sees the webhook deliveries (and any agent's calls); places none
          new User("admin", "admin", "Alex Admin", "", Set.of("dialbridge-admin")));

  private DemoUsers() {}

  static Optional<User> byName(String name) {
    return ALL.stream().filter(u -> u.name().equals(name)).findFirst();
  }

  /** The user whose name and password these are; the password compared in constant time. */
  static Optional<User> authenticate(String name, String password) {
    if (name == null || password == null) return Optional.empty();
    Optional<User> user = byName(name);
    byte[] given = password.getBytes(StandardCharsets.UTF_8);
    byte[] expected =
        user.map(u -> u.password().getBytes(StandardCharsets.UTF_8)).orElse(new byte[0]);
    return MessageDigest.isEqual(given, expected) && user.isPresent() ? user : Optional.empty();
  }
}

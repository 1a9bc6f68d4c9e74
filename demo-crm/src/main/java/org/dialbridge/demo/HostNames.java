package org.dialbridge.demo;

/** Host names as the demo listens on them and writes them in URLs. */
final class HostNames {
  private HostNames() {}

  /** Whether {@code host} means every interface. */
  static boolean isWildcard(String host) {
    return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
  }

  /** {@code host} as written in a URL: an IPv6 address in brackets. */
  static String bracketed(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }
}

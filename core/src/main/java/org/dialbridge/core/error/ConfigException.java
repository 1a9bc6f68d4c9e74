package org.dialbridge.core.error;

/** Configuration that stops start-up: one message naming the key and what is wrong with it. */
public final class ConfigException extends DialbridgeException {
  private static final long serialVersionUID = 1L;

  private final String key;

  public ConfigException(String key, String problem) {
    super("config_invalid", "Dialbridge configuration: " + key + ": " + problem);
    this.key = key;
  }

  public String key() {
    return key;
  }
}

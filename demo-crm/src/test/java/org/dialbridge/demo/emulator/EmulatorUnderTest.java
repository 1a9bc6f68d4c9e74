package org.dialbridge.demo.emulator;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh {@link WebhookReceiver} for each test and the {@link ProviderEmulator} the test starts
 * against it, both closed after the test: {@code @RegisterExtension final EmulatorUnderTest
 * emulator = new EmulatorUnderTest(ProviderSettings.Type.C3);}. The type only decides which
 * provider {@link #url} addresses.
 *
 * <p>A test starts the emulator itself, because each one picks its own timing or settings.
 */
final class EmulatorUnderTest implements BeforeEachCallback, AfterEachCallback {
  private final ProviderSettings.Type type;
  private WebhookReceiver receiver;
  private ProviderEmulator emulator;

  EmulatorUnderTest(ProviderSettings.Type type) {
    this.type = Objects.requireNonNull(type, "type == null");
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    receiver = new WebhookReceiver();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    try {
      close();
    } finally {
      receiver.close();
    }
  }

  /** The receiver the emulator's webhooks go to, open for the whole test. */
  WebhookReceiver receiver() {
    return receiver;
  }

  /**
   * Starts the emulator with all four providers posting to {@link #receiver()}, at {@code timing}.
   */
  void start(EmulatorSettings.Timing timing) {
    start(TestSettings.forReceiver(receiver).withTiming(timing));
  }

  /**
   * Starts the emulator with {@code settings}; it is closed after the test unless {@link #close()}
   * did it.
   */
  void start(EmulatorSettings settings) {
    if (emulator != null) throw new IllegalStateException("the emulator is already running");
    emulator = ProviderEmulator.start(settings);
  }

  /** Closes the emulator now, for tests of what closing does; the receiver stays open. */
  void close() {
    if (emulator == null) return;
    try {
      emulator.close();
    } finally {
      emulator = null;
    }
  }

  /**
   * The running emulator's base URL for this extension's provider type, followed by {@code path}.
   */
  URI url(String path) {
    return URI.create(baseUri(type) + path);
  }

  /** See {@link ProviderEmulator#baseUri(ProviderSettings.Type)}. */
  URI baseUri(ProviderSettings.Type type) {
    return running().baseUri(type);
  }

  /** See {@link ProviderEmulator#baseUri()}. */
  URI baseUri() {
    return running().baseUri();
  }

  /** See {@link ProviderEmulator#port()}. */
  int port() {
    return running().port();
  }

  /** See {@link ProviderEmulator#sentWebhooks()}. */
  List<SentWebhook> sentWebhooks() {
    return running().sentWebhooks();
  }

  /** See {@link ProviderEmulator#apiCalls()}. */
  List<RecordedApiCall> apiCalls() {
    return running().apiCalls();
  }

  /** The running emulator itself, for its Java API. */
  ProviderEmulator emulator() {
    return running();
  }

  private ProviderEmulator running() {
    if (emulator == null)
      throw new IllegalStateException("the emulator is not running: start it first");
    return emulator;
  }
}

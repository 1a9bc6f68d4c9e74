package org.dialbridge.core.spi;

import java.util.List;
import org.dialbridge.core.error.WebhookAuthenticationException;
import org.dialbridge.core.error.WebhookParseException;

/**
 * Turns one raw webhook delivery of a provider into normalized events. A parser is a pure function
 * of the request: it reads, it does not store or call anyone. Authentication common to all
 * providers (token, Basic, HMAC) happens before; a parser checks only what is in its own payload
 * (BemMelhor's {@code clientId}).
 */
@FunctionalInterface
public interface WebhookParser {

  /**
   * The events in {@code request}, each with its dedupe key; usually one.
   *
   * @throws WebhookParseException when the body does not fit the provider's format, naming the
   *     field
   * @throws WebhookAuthenticationException when the payload itself proves the sender wrong
   */
  List<ProviderEvent> parse(WebhookRequest request);
}

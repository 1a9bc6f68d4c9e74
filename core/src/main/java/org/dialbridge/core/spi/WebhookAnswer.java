package org.dialbridge.core.spi;

import java.util.Objects;

/**
 * A body to answer one webhook delivery with, instead of the usual empty {@code 204}: a provider
 * that reads its instructions from the answer (Bandwidth v2's BXML) gets them with {@code 200}.
 *
 * @param mediaType the {@code Content-Type} of the body, e.g. {@code application/xml}
 * @param body the body, UTF-8 on the wire
 */
public record WebhookAnswer(String mediaType, String body) {

  public WebhookAnswer {
    Objects.requireNonNull(mediaType, "mediaType == null");
    Objects.requireNonNull(body, "body == null");
    if (mediaType.isBlank()) throw new IllegalArgumentException("mediaType is blank");
  }
}

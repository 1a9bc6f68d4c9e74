package org.dialbridge.demo.emulator;

import java.net.URI;
import java.util.Objects;

/**
 * One emulated provider: the name Dialbridge knows it by, where its webhooks go, how they
 * authenticate, and the credentials its API expects. A {@code null} credential means "not checked";
 * a {@code null} webhook token means webhooks carry no {@code X-Dialbridge-Token} header.
 */
public sealed interface ProviderSettings {

  /** The provider's name in Dialbridge's configuration ({@code dialbridge.providers.<name>.}). */
  String name();

  /** The API family the provider speaks. */
  Type type();

  /** The API families and the path prefix each is mounted under. */
  enum Type {
    C3("/c3"),
    BEMMELHOR("/bemmelhor"),
    /**
     * Bandwidth voice API v1: its documented base URL ends in {@code /v1}, so the prefix does too.
     */
    BANDWIDTH("/bandwidth/v1"),
    /**
     * Bandwidth voice API v2: its documented base URL ends in {@code /api/v2}, so the prefix does
     * too.
     */
    BANDWIDTH_V2("/bandwidth/api/v2"),
    UCONTACT("/ucontact");

    private final String prefix;

    Type(String prefix) {
      this.prefix = prefix;
    }

    /**
     * The path prefix the family is mounted under: its base URL is the emulator's URL plus this.
     */
    public String prefix() {
      return prefix;
    }
  }

  /**
   * C3: webhooks in Dialbridge's generic format (C3 documents none).
   *
   * @param webhookUrl where the generic events are posted
   * @param webhookToken sent as {@code X-Dialbridge-Token}, or {@code null}
   * @param token the Bearer token the API requires, or {@code null} to accept any request
   */
  record C3(String name, URI webhookUrl, String webhookToken, String token)
      implements ProviderSettings {
    public C3 {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(webhookUrl, "webhookUrl == null");
    }

    @Override
    public Type type() {
      return Type.C3;
    }

    @Override
    public String toString() {
      return "C3[name=" + name + ", webhookUrl=" + webhookUrl + ", secrets=***]";
    }
  }

  /**
   * BemMelhor: its documented {@code call.dialing}/{@code call.hangup} webhooks plus generic {@code
   * ringing}/{@code answered} events (it documents neither).
   *
   * @param clientId the {@code clientId} every webhook carries
   */
  record BemMelhor(String name, URI webhookUrl, String webhookToken, String clientId)
      implements ProviderSettings {
    public BemMelhor {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(webhookUrl, "webhookUrl == null");
      Objects.requireNonNull(clientId, "clientId == null");
    }

    @Override
    public Type type() {
      return Type.BEMMELHOR;
    }

    @Override
    public String toString() {
      return "BemMelhor[name="
          + name
          + ", webhookUrl="
          + webhookUrl
          + ", clientId="
          + clientId
          + ", secrets=***]";
    }
  }

  /**
   * Bandwidth v1: events go to the {@code callbackUrl} of each create-call request, authenticated
   * by the Basic credentials that URL carries, so there is no webhook URL here; but for inbound
   * calls, which go to the number's application.
   *
   * @param userId the {@code u-…} id the paths must carry
   * @param apiToken the Basic user name the API requires
   * @param apiSecret the Basic password the API requires
   * @param incomingCallUrl the application's {@code incomingCallUrl}, where {@code incomingcall}
   *     and the caller's leg's events go (Basic credentials in it, as in a callback URL); null when
   *     the emulator rings no agent through Bandwidth
   */
  record Bandwidth(
      String name, String userId, String apiToken, String apiSecret, URI incomingCallUrl)
      implements ProviderSettings {
    public Bandwidth {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(userId, "userId == null");
      Objects.requireNonNull(apiToken, "apiToken == null");
      Objects.requireNonNull(apiSecret, "apiSecret == null");
      if (incomingCallUrl != null
          && (incomingCallUrl.getHost() == null
              || !("http".equals(incomingCallUrl.getScheme())
                  || "https".equals(incomingCallUrl.getScheme())))) {
        throw new IllegalArgumentException("incomingCallUrl must be an absolute http(s) URL");
      }
    }

    /** A Bandwidth account whose numbers receive no calls. */
    public Bandwidth(String name, String userId, String apiToken, String apiSecret) {
      this(name, userId, apiToken, apiSecret, null);
    }

    @Override
    public Type type() {
      return Type.BANDWIDTH;
    }

    @Override
    public String toString() {
      return "Bandwidth[name="
          + name
          + ", userId="
          + userId
          + ", apiToken="
          + apiToken
          + ", apiSecret=***, incomingCallUrl="
          + (incomingCallUrl == null ? null : WebhookSender.withoutUserInfo(incomingCallUrl))
          + "]";
    }
  }

  /**
   * Bandwidth v2: callbacks go to the URLs each create-call request and each BXML verb names, with
   * the Basic credentials given there; an inbound call's {@code initiate} goes to the application's
   * call-initiated URL with the application's credentials.
   *
   * @param accountId the account id the paths must carry
   * @param username the Basic user name the API requires
   * @param password the Basic password the API requires
   * @param initiateUrl the application's call-initiated URL; null when the emulator rings no agent
   *     through this provider
   * @param webhookUser the application's callback user name (for {@code initiate})
   * @param webhookPassword its password
   */
  record BandwidthV2(
      String name,
      String accountId,
      String username,
      String password,
      URI initiateUrl,
      String webhookUser,
      String webhookPassword)
      implements ProviderSettings {
    public BandwidthV2 {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(accountId, "accountId == null");
      Objects.requireNonNull(username, "username == null");
      Objects.requireNonNull(password, "password == null");
      if (initiateUrl != null
          && (initiateUrl.getHost() == null
              || !("http".equals(initiateUrl.getScheme())
                  || "https".equals(initiateUrl.getScheme())))) {
        throw new IllegalArgumentException("initiateUrl must be an absolute http(s) URL");
      }
    }

    @Override
    public Type type() {
      return Type.BANDWIDTH_V2;
    }

    @Override
    public String toString() {
      return "BandwidthV2[name="
          + name
          + ", accountId="
          + accountId
          + ", username="
          + username
          + ", password=***, initiateUrl="
          + initiateUrl
          + ", webhookUser="
          + webhookUser
          + ", webhookPassword=***]";
    }
  }

  /**
   * uContact: its documented {@code FinishInteraction}/{@code AgentRingNoAnswer} webhooks plus
   * generic {@code dialing}/{@code ringing}/{@code answered}/{@code hangup} events for the call's
   * GUID.
   *
   * @param token the value after {@code Basic } the API requires, or {@code null} to accept any
   *     request
   * @param user the user {@code getUserToken} accepts, or {@code null} to refuse every user
   * @param password that user's password
   */
  record UContact(
      String name, URI webhookUrl, String webhookToken, String token, String user, String password)
      implements ProviderSettings {
    public UContact {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(webhookUrl, "webhookUrl == null");
      if (user != null && password == null)
        throw new IllegalArgumentException("user without a password");
    }

    @Override
    public Type type() {
      return Type.UCONTACT;
    }

    @Override
    public String toString() {
      return "UContact[name="
          + name
          + ", webhookUrl="
          + webhookUrl
          + ", user="
          + user
          + ", secrets=***]";
    }
  }
}

package org.dialbridge.core.provider.ucontact;

import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.dialbridge.core.error.ProviderAuthenticationException;
import org.dialbridge.core.error.ProviderTimeoutException;
import org.dialbridge.core.error.ProviderUnavailableException;
import org.dialbridge.core.provider.support.ProviderHttpClient;
import org.dialbridge.core.provider.support.ProviderRequest;
import org.dialbridge.core.provider.support.ProviderResponse;
import org.dialbridge.core.provider.support.Responses;
import org.dialbridge.core.spi.Secret;

/**
 * uContact's authentication: {@code Authorization: Basic <token>}, the token either configured or
 * obtained from {@code getUserToken} with user and password, cached, and obtained again once after
 * a 401.
 */
final class UContactSession {
  static final String TOKEN_PATH = "/Integra/resources/auth/getUserToken";

  private static final System.Logger LOG = System.getLogger(UContactProvider.class.getName());

  /** base64 (also URL-safe) plus the few characters an opaque token might use; never whitespace. */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9+/=._~-]{1,4096}");

  private final String name;
  private final Secret staticToken;
  private final String user;
  private final Secret password;
  private final ProviderHttpClient http;
  private final ReentrantLock tokenLock = new ReentrantLock();
  private volatile Secret cachedToken;

  /** With {@code staticToken}, or else with {@code user} and {@code password}. */
  UContactSession(
      String name, Secret staticToken, String user, Secret password, ProviderHttpClient http) {
    this.name = name;
    this.staticToken = staticToken;
    this.user = user;
    this.password = password;
    this.http = http;
  }

  /** A request as finally sent and its answer. */
  record Exchange(ProviderRequest request, ProviderResponse response) {}

  /** Sends a form with the token; once more with a new token after a 401 on an obtained one. */
  Exchange send(String path, Map<String, String> form) {
    Secret token = token();
    ProviderRequest request = authorized(path, token, form);
    ProviderResponse response = http.send(request);
    if (response.status() == 401 && staticToken == null) {
      LOG.log(
          Level.INFO,
          () -> name + ": uContact refused the cached token (HTTP 401); obtaining a new one");
      request = authorized(path, renewToken(token), form);
      response = http.send(request);
    }
    return new Exchange(request, response);
  }

  private static ProviderRequest authorized(String path, Secret token, Map<String, String> form) {
    return ProviderRequest.postForm(path, Map.of("Authorization", "Basic " + token.reveal()), form);
  }

  private Secret token() {
    if (staticToken != null) return staticToken;
    Secret token = cachedToken;
    if (token != null) return token;
    tokenLock.lock();
    try {
      if (cachedToken == null) cachedToken = login();
      return cachedToken;
    } finally {
      tokenLock.unlock();
    }
  }

  /** A new token in place of {@code stale}, unless another thread already replaced it. */
  private Secret renewToken(Secret stale) {
    tokenLock.lock();
    try {
      if (cachedToken == null || cachedToken == stale) {
        cachedToken = null;
        cachedToken = login();
      }
      return cachedToken;
    } finally {
      tokenLock.unlock();
    }
  }

  /**
   * A token from {@code getUserToken}. Its failures say the request that needed it was never sent
   * ({@code outcomeUnknown} false), and never show the answer's body, which may be a token.
   */
  private Secret login() {
    ProviderRequest request =
        ProviderRequest.postForm(
            TOKEN_PATH, Map.of(), orderedForm("user", user, "password", password.reveal()));
    ProviderResponse response;
    try {
      response = http.send(request);
    } catch (ProviderTimeoutException e) {
      throw new ProviderTimeoutException(name, "no token from getUserToken in time", false, e);
    } catch (ProviderUnavailableException e) {
      throw new ProviderUnavailableException(
          name, null, "could not obtain a token from getUserToken", false, e);
    }
    if (response.status() == 401 || response.status() == 403) {
      throw new ProviderAuthenticationException(
          name, response.status(), "getUserToken refused user " + user);
    }
    if (!response.isSuccessful()) {
      throw new ProviderUnavailableException(
          name,
          response.status(),
          "could not obtain a token from getUserToken: "
              + Responses.message(response).orElse("no message"),
          false,
          null);
    }
    String token = unquote(response.body());
    if (token.isEmpty() || token.equals("0")) {
      throw new ProviderAuthenticationException(
          name,
          response.status(),
          "getUserToken answered "
              + (token.isEmpty() ? "nothing" : "0")
              + ": check user "
              + user
              + " and its password");
    }
    if (!TOKEN.matcher(token).matches()) {
      throw new ProviderUnavailableException(
          name,
          response.status(),
          "getUserToken answered something that is not a token",
          false,
          null);
    }
    return Secret.of(token);
  }

  private static Map<String, String> orderedForm(String k1, String v1, String k2, String v2) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put(k1, v1);
    form.put(k2, v2);
    return form;
  }

  /** A plain-text answer without surrounding whitespace or quotes (some gateways add them). */
  static String unquote(String body) {
    String s = body.strip();
    if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\""))
      s = s.substring(1, s.length() - 1).strip();
    return s;
  }
}

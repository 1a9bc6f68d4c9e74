package org.dialbridge.core.provider.ucontact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dialbridge.core.testing.Fixtures.fixture;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.dialbridge.core.error.ConfigException;
import org.dialbridge.core.error.ProviderAuthenticationException;
import org.dialbridge.core.error.ProviderRejectedException;
import org.dialbridge.core.error.ProviderTimeoutException;
import org.dialbridge.core.error.ProviderUnavailableException;
import org.dialbridge.core.error.ProviderUnsupportedException;
import org.dialbridge.core.model.EventType;
import org.dialbridge.core.model.HangupCause;
import org.dialbridge.core.spi.Agent;
import org.dialbridge.core.spi.CallRequest;
import org.dialbridge.core.spi.HangupRequest;
import org.dialbridge.core.spi.ProviderConfig;
import org.dialbridge.core.spi.TelephonyProvider;
import org.dialbridge.core.testing.TestContexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UContactProviderTest {
  private static final Agent ANA = new Agent("ana", "6001", "ucontact", "ana.perez");
  private static final String TOKEN =
      "YW5hLnBlcmV6OjNmMmU5YzQxLTExMTEtNDIyMi04MzMzLTQ0NDQ1NTU1NjY2Ng==";
  private static final String GUID = "8cf8570e-60e7-44ed-b799-3baab211b04d";
  private static final String FORM = "application/x-www-form-urlencoded";

  private final MockWebServer server = new MockWebServer();
  private final TestContexts contexts = new TestContexts();
  private TelephonyProvider ucontact;

  @BeforeEach
  void start() throws Exception {
    server.start();
    ucontact = provider(properties("token", TOKEN));
  }

  @AfterEach
  void stop() {
    ucontact.close();
    server.close();
    contexts.close();
  }

  private static Map<String, String> properties(String... authKeysAndValues) {
    Map<String, String> p = new HashMap<>();
    p.put("callerid", "5114115000");
    p.put("context", "agentes");
    p.put("outqueue", "manual->");
    for (int i = 0; i < authKeysAndValues.length; i += 2)
      p.put(authKeysAndValues[i], authKeysAndValues[i + 1]);
    return p;
  }

  private TelephonyProvider provider(Map<String, String> properties) {
    ProviderConfig config =
        ProviderConfig.of(
            "ucontact", "ucontact", URI.create(server.url("/").toString()), properties);
    return new UContactProviderFactory().create(config, contexts.context("PE"));
  }

  private void useLogin() {
    ucontact.close();
    ucontact = provider(properties("user", "crm-api", "password", "pa ss&word"));
  }

  private CallRequest callTo(String number) {
    return new CallRequest("call-1", ANA, contexts.context("PE").phoneNumbers().parse(number));
  }

  private static MockResponse text(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .body(body)
        .setHeader("Content-Type", "text/plain")
        .build();
  }

  private static String body(RecordedRequest request) {
    return request.getBody() == null ? "" : request.getBody().utf8();
  }

  // --- AgentCall ---

  @Test
  void placeCallSendsTheDocumentedFormByteForByte() throws Exception {
    server.enqueue(text(200, fixture("ucontact/agentcall-response-200.txt")));

    ucontact.placeCall(callTo("+51 1 411 5001"));

    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/Integra/resources/Agents/AgentCall");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Basic " + TOKEN);
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo(FORM);
    assertThat(request.getBody().toByteArray())
        .isEqualTo(fixture("ucontact/agentcall-request.form").getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void placeCallAnswersTheGuidUContactReturns() {
    server.enqueue(text(200, fixture("ucontact/agentcall-response-200.txt")));

    assertThat(ucontact.placeCall(callTo("+51 1 411 5001")).providerCallId()).isEqualTo(GUID);
  }

  @Test
  void guidInQuotesAndWhitespaceIsTrimmed() {
    server.enqueue(text(200, "  \"" + GUID + "\"\r\n"));

    assertThat(ucontact.placeCall(callTo("+51 1 411 5001")).providerCallId()).isEqualTo(GUID);
  }

  @Test
  void zeroBodyWithHttp200IsARefusalSayingWhatToCheck() {
    server.enqueue(text(200, fixture("ucontact/agentcall-error-200.txt")));

    assertThatThrownBy(() -> ucontact.placeCall(callTo("+51 1 411 5001")))
        .isInstanceOfSatisfying(
            ProviderRejectedException.class,
            e -> {
              assertThat(e.code()).isEqualTo("provider_rejected");
              assertThat(e.httpStatus()).hasValue(200);
              assertThat(e.outcomeUnknown()).isFalse();
              assertThat(e.getMessage())
                  .contains(
                      "uContact refused the call",
                      "ana.perez",
                      "logged in",
                      "6001",
                      "manual->",
                      "callerid");
              assertThat(e.getMessage()).doesNotContain("5114115000", "4115001");
            });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void successWithoutAGuidIsAnUnreadableAnswerWithUnknownOutcome() {
    server.enqueue(text(200, "<html><body>Login</body></html>"));

    assertThatThrownBy(() -> ucontact.placeCall(callTo("+51 1 411 5001")))
        .isInstanceOfSatisfying(
            ProviderUnavailableException.class,
            e -> {
              assertThat(e.getMessage()).contains("unreadable answer", "no call GUID");
              assertThat(e.outcomeUnknown()).isTrue();
            });
  }

  @Test
  void emptySuccessBodyIsAnUnreadableAnswer() {
    server.enqueue(text(200, ""));

    assertThatThrownBy(() -> ucontact.placeCall(callTo("+51 1 411 5001")))
        .isInstanceOfSatisfying(
            ProviderUnavailableException.class,
            e -> assertThat(e.getMessage()).contains("unreadable answer", "empty body"));
  }

  @Test
  void numberFormatE164SendsThePlus() throws Exception {
    ucontact.close();
    Map<String, String> p = properties("token", TOKEN);
    p.put("number-format", "e164");
    p.put("tech", "PJSIP");
    ucontact = provider(p);
    server.enqueue(text(200, GUID));

    ucontact.placeCall(callTo("(01) 411-5001"));

    String form = body(server.takeRequest());
    assertThat(form).contains("&tech=PJSIP&").endsWith("&destination=%2B5114115001");
  }

  @Test
  void numberFormatNationalSendsTheNationalNumber() throws Exception {
    ucontact.close();
    Map<String, String> p = properties("token", TOKEN);
    p.put("number-format", "national");
    ucontact = provider(p);
    server.enqueue(text(200, GUID));

    ucontact.placeCall(callTo("+51 1 411 5001"));

    assertThat(body(server.takeRequest())).endsWith("&destination=14115001");
  }

  @Test
  void agentDefaultsToTheCrmUserWhenNoProviderUserIsConfigured() throws Exception {
    server.enqueue(text(200, GUID));

    ucontact.placeCall(
        new CallRequest(
            "call-1",
            new Agent("bruno", "6002", "ucontact", null),
            contexts.context("PE").phoneNumbers().parse("6005")));

    assertThat(body(server.takeRequest()))
        .contains("&agent=bruno&phone=6002&")
        .endsWith("&destination=6005");
  }

  @Test
  void http401WithAConfiguredTokenIsAuthenticationFailedAndNotRetried() {
    server.enqueue(text(401, "Unauthorized"));
    server.enqueue(text(200, GUID));

    assertThatThrownBy(() -> ucontact.placeCall(callTo("+51 1 411 5001")))
        .isInstanceOfSatisfying(
            ProviderAuthenticationException.class,
            e -> {
              assertThat(e.httpStatus()).hasValue(401);
              assertThat(e.getMessage()).doesNotContain(TOKEN);
            });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void http500MapsToProviderUnavailableAndIsSentOnce() {
    server.enqueue(text(500, "Internal Server Error"));
    server.enqueue(text(200, GUID));

    assertThatThrownBy(() -> ucontact.placeCall(callTo("+51 1 411 5001")))
        .isInstanceOfSatisfying(
            ProviderUnavailableException.class,
            e -> {
              assertThat(e.httpStatus()).hasValue(500);
              assertThat(e.outcomeUnknown()).isTrue();
            });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void http400MapsToRejectedWithTheProvidersText() {
    server.enqueue(text(400, "Missing parameter outqueue"));

    assertThatThrownBy(() -> ucontact.placeCall(callTo("+51 1 411 5001")))
        .isInstanceOfSatisfying(
            ProviderRejectedException.class,
            e -> assertThat(e.providerMessage()).hasValue("Missing parameter outqueue"));
  }

  @Test
  void stalledAnswerMapsToProviderTimeoutAndIsSentOnce() {
    ucontact.close();
    ProviderConfig config =
        new ProviderConfig(
            "ucontact",
            "ucontact",
            URI.create(server.url("/").toString()),
            Duration.ofSeconds(1),
            Duration.ofMillis(300),
            Duration.ofSeconds(5),
            properties("token", TOKEN));
    ucontact = new UContactProviderFactory().create(config, contexts.context("PE"));
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

    assertThatThrownBy(() -> ucontact.placeCall(callTo("+51 1 411 5001")))
        .isInstanceOfSatisfying(
            ProviderTimeoutException.class, e -> assertThat(e.outcomeUnknown()).isTrue());
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void connectionRefusedMapsToProviderUnavailableWithKnownOutcome() {
    ucontact.close();
    server.close();
    ucontact = provider(properties("token", TOKEN));

    assertThatThrownBy(() -> ucontact.placeCall(callTo("+51 1 411 5001")))
        .isInstanceOfSatisfying(
            ProviderUnavailableException.class, e -> assertThat(e.outcomeUnknown()).isFalse());
  }

  @Test
  void connectionRefusedWhileObtainingATokenMapsToProviderUnavailableWithKnownOutcome() {
    ucontact.close();
    server.close();
    ucontact = provider(properties("user", "crm-api", "password", "secret-pw"));

    assertThatThrownBy(() -> ucontact.placeCall(callTo("+51 1 411 5001")))
        .isInstanceOfSatisfying(
            ProviderUnavailableException.class,
            e -> {
              assertThat(e.outcomeUnknown()).isFalse();
              assertThat(e.getMessage()).contains("getUserToken").doesNotContain("secret-pw");
            });
  }

  // --- HangupPhone ---

  @Test
  void hangupSendsTheAgentsPhone() throws Exception {
    server.enqueue(text(200, "1"));

    ucontact.hangUp(new HangupRequest(GUID, List.of(), "6001"));

    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/Integra/resources/Agents/HangupPhone");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Basic " + TOKEN);
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo(FORM);
    assertThat(request.getBody().toByteArray())
        .isEqualTo("phone=6001".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void hangupAnsweredZeroIsARefusal() {
    server.enqueue(text(200, "0"));

    assertThatThrownBy(() -> ucontact.hangUp(new HangupRequest(GUID, List.of(), "6001")))
        .isInstanceOfSatisfying(
            ProviderRejectedException.class,
            e -> {
              assertThat(e.httpStatus()).hasValue(200);
              assertThat(e.getMessage()).contains("uContact refused to hang up", "6001");
            });
  }

  @Test
  void hangupHttp500MapsToProviderUnavailable() {
    server.enqueue(text(503, "busy"));

    assertThatThrownBy(() -> ucontact.hangUp(new HangupRequest(GUID, List.of(), "6001")))
        .isInstanceOfSatisfying(
            ProviderUnavailableException.class, e -> assertThat(e.httpStatus()).hasValue(503));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void hangupWithoutTheAgentsPhoneIsRefusedBeforeAnyRequest() {
    assertThatThrownBy(() -> ucontact.hangUp(new HangupRequest(GUID, List.of(), null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("agentExtension");
    assertThat(server.getRequestCount()).isZero();
  }

  // --- user + password ---

  @Test
  void userAndPasswordObtainATokenOnceAndReuseIt() throws Exception {
    useLogin();
    server.enqueue(text(200, TOKEN + "\n"));
    server.enqueue(text(200, GUID));
    server.enqueue(text(200, "11111111-2222-4333-8444-555555555555"));

    assertThat(ucontact.placeCall(callTo("+51 1 411 5001")).providerCallId()).isEqualTo(GUID);
    assertThat(ucontact.placeCall(callTo("+51 1 411 5002")).providerCallId())
        .isEqualTo("11111111-2222-4333-8444-555555555555");

    RecordedRequest login = server.takeRequest();
    assertThat(login.getMethod()).isEqualTo("POST");
    assertThat(login.getTarget()).isEqualTo("/Integra/resources/auth/getUserToken");
    assertThat(login.getHeaders().get("Content-Type")).isEqualTo(FORM);
    assertThat(login.getHeaders().get("Authorization")).isNull();
    assertThat(body(login)).isEqualTo("user=crm-api&password=pa+ss%26word");
    for (int i = 0; i < 2; i++) {
      RecordedRequest call = server.takeRequest();
      assertThat(call.getTarget()).isEqualTo("/Integra/resources/Agents/AgentCall");
      assertThat(call.getHeaders().get("Authorization")).isEqualTo("Basic " + TOKEN);
    }
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void http401ObtainsANewTokenOnceAndRepeatsTheCallOnce() throws Exception {
    useLogin();
    server.enqueue(text(200, "b2xkLXRva2Vu"));
    server.enqueue(text(401, "Unauthorized"));
    server.enqueue(text(200, "bmV3LXRva2Vu"));
    server.enqueue(text(200, GUID));

    assertThat(ucontact.placeCall(callTo("+51 1 411 5001")).providerCallId()).isEqualTo(GUID);

    List<String> sequence = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      RecordedRequest r = server.takeRequest();
      sequence.add(
          r.getTarget().substring(r.getTarget().lastIndexOf('/') + 1)
              + " "
              + r.getHeaders().get("Authorization"));
    }
    assertThat(sequence)
        .containsExactly(
            "getUserToken null",
            "AgentCall Basic b2xkLXRva2Vu",
            "getUserToken null",
            "AgentCall Basic bmV3LXRva2Vu");
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void theRenewedTokenIsKeptForLaterRequests() throws Exception {
    useLogin();
    server.enqueue(text(200, "b2xkLXRva2Vu"));
    server.enqueue(text(401, ""));
    server.enqueue(text(200, "bmV3LXRva2Vu"));
    server.enqueue(text(200, GUID));
    server.enqueue(text(200, "1"));

    ucontact.placeCall(callTo("+51 1 411 5001"));
    ucontact.hangUp(new HangupRequest(GUID, List.of(), "6001"));

    for (int i = 0; i < 4; i++) server.takeRequest();
    RecordedRequest hangup = server.takeRequest();
    assertThat(hangup.getTarget()).isEqualTo("/Integra/resources/Agents/HangupPhone");
    assertThat(hangup.getHeaders().get("Authorization")).isEqualTo("Basic bmV3LXRva2Vu");
    assertThat(server.getRequestCount()).isEqualTo(5);
  }

  @Test
  void a401AfterTheNewTokenIsAuthenticationFailedAndTheCallWasSentTwiceAtMost() throws Exception {
    useLogin();
    server.enqueue(text(200, "b2xkLXRva2Vu"));
    server.enqueue(text(401, "Unauthorized"));
    server.enqueue(text(200, "bmV3LXRva2Vu"));
    server.enqueue(text(401, "Unauthorized"));
    server.enqueue(text(200, "dGhpcmQ="));
    server.enqueue(text(200, GUID));

    assertThatThrownBy(() -> ucontact.placeCall(callTo("+51 1 411 5001")))
        .isInstanceOfSatisfying(
            ProviderAuthenticationException.class, e -> assertThat(e.httpStatus()).hasValue(401));

    assertThat(server.getRequestCount()).isEqualTo(4);
    int agentCalls = 0;
    for (int i = 0; i < 4; i++) {
      if (server.takeRequest().getTarget().endsWith("/AgentCall")) agentCalls++;
    }
    assertThat(agentCalls).isEqualTo(2);
  }

  @Test
  void http500WithALoginTokenIsNotRetried() {
    useLogin();
    server.enqueue(text(200, TOKEN));
    server.enqueue(text(500, "oops"));
    server.enqueue(text(200, GUID));

    assertThatThrownBy(() -> ucontact.placeCall(callTo("+51 1 411 5001")))
        .isInstanceOfSatisfying(
            ProviderUnavailableException.class, e -> assertThat(e.outcomeUnknown()).isTrue());
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void tokenAnsweredZeroIsAuthenticationFailedAndNoCallIsSent() {
    useLogin();
    server.enqueue(text(200, "0"));
    server.enqueue(text(200, GUID));

    assertThatThrownBy(() -> ucontact.placeCall(callTo("+51 1 411 5001")))
        .isInstanceOfSatisfying(
            ProviderAuthenticationException.class,
            e -> {
              assertThat(e.outcomeUnknown()).isFalse();
              assertThat(e.getMessage())
                  .contains("getUserToken", "crm-api")
                  .doesNotContain("pa ss&word");
            });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void emptyTokenAnswerIsAuthenticationFailed() {
    useLogin();
    server.enqueue(text(200, ""));

    assertThatThrownBy(() -> ucontact.hangUp(new HangupRequest(GUID, List.of(), "6001")))
        .isInstanceOf(ProviderAuthenticationException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void tokenEndpoint401IsAuthenticationFailed() {
    useLogin();
    server.enqueue(text(401, "bad credentials"));

    assertThatThrownBy(() -> ucontact.placeCall(callTo("+51 1 411 5001")))
        .isInstanceOfSatisfying(
            ProviderAuthenticationException.class, e -> assertThat(e.httpStatus()).hasValue(401));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aTokenAnswerThatIsNotATokenIsNotSentOnAndNotShown() {
    useLogin();
    server.enqueue(text(200, "<html>secret page</html>"));

    assertThatThrownBy(() -> ucontact.placeCall(callTo("+51 1 411 5001")))
        .isInstanceOfSatisfying(
            ProviderUnavailableException.class,
            e -> {
              assertThat(e.outcomeUnknown()).isFalse();
              assertThat(e.getMessage()).contains("not a token").doesNotContain("secret page");
            });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void tokenEndpoint500IsUnavailableWithKnownOutcome() {
    useLogin();
    server.enqueue(text(500, "down"));

    assertThatThrownBy(() -> ucontact.placeCall(callTo("+51 1 411 5001")))
        .isInstanceOfSatisfying(
            ProviderUnavailableException.class,
            e -> {
              assertThat(e.httpStatus()).hasValue(500);
              assertThat(e.outcomeUnknown()).isFalse();
            });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void concurrentCallsShareOneToken() throws Exception {
    useLogin();
    AtomicInteger logins = new AtomicInteger();
    CountDownLatch loginStarted = new CountDownLatch(1);
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            if (request.getTarget().endsWith("/getUserToken")) {
              logins.incrementAndGet();
              loginStarted.countDown();
              Thread.sleep(200); // let the other threads pile up behind the first login
              return text(200, TOKEN);
            }
            return text(200, GUID);
          }
        });
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        results.add(
            pool.submit(() -> ucontact.placeCall(callTo("+51 1 411 5001")).providerCallId()));
      }
      for (Future<String> f : results) assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(GUID);
    } finally {
      pool.shutdownNow();
    }
    assertThat(loginStarted.getCount()).isZero();
    assertThat(logins.get()).isEqualTo(1);
    assertThat(server.getRequestCount()).isEqualTo(7);
  }

  // --- configuration ---

  @Test
  void neitherTokenNorUserStopsStartupNamingTheTokenKey() {
    assertThatThrownBy(() -> provider(properties()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.key()).isEqualTo("dialbridge.providers.ucontact.token");
              assertThat(e.getMessage()).contains("user and password");
            });
  }

  @Test
  void tokenAndUserTogetherStopStartupNamingTheTokenKey() {
    assertThatThrownBy(
            () -> provider(properties("token", TOKEN, "user", "crm-api", "password", "pw")))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.key()).isEqualTo("dialbridge.providers.ucontact.token");
              assertThat(e.getMessage()).contains("not both").doesNotContain(TOKEN, "pw");
            });
  }

  @Test
  void tokenAndPasswordTogetherStopStartup() {
    assertThatThrownBy(() -> provider(properties("token", TOKEN, "password", "pw")))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> assertThat(e.key()).isEqualTo("dialbridge.providers.ucontact.token"));
  }

  @Test
  void userWithoutPasswordStopsStartupNamingThePasswordKey() {
    assertThatThrownBy(() -> provider(properties("user", "crm-api")))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> assertThat(e.key()).isEqualTo("dialbridge.providers.ucontact.password"));
  }

  @Test
  void passwordWithoutUserStopsStartupNamingTheUserKey() {
    assertThatThrownBy(() -> provider(properties("password", "pw")))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> assertThat(e.key()).isEqualTo("dialbridge.providers.ucontact.user"));
  }

  @Test
  void eachRequiredCallKeyIsNamedWhenMissing() {
    for (String key : List.of("callerid", "context", "outqueue")) {
      Map<String, String> p = properties("token", TOKEN);
      p.remove(key);
      assertThatThrownBy(() -> provider(p))
          .isInstanceOfSatisfying(
              ConfigException.class,
              e -> assertThat(e.key()).isEqualTo("dialbridge.providers.ucontact." + key));
    }
  }

  @Test
  void badNumberFormatStopsStartupNamingTheKey() {
    Map<String, String> p = properties("token", TOKEN);
    p.put("number-format", "local");

    assertThatThrownBy(() -> provider(p))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.key()).isEqualTo("dialbridge.providers.ucontact.number-format");
              assertThat(e.getMessage()).contains("e164-digits, e164 or national");
            });
  }

  @Test
  void factoryDeclaresItsTypeAndKeys() {
    UContactProviderFactory factory = new UContactProviderFactory();

    assertThat(factory.type()).isEqualTo("ucontact");
    assertThat(factory.keys())
        .containsExactlyInAnyOrder(
            "token",
            "user",
            "password",
            "callerid",
            "context",
            "outqueue",
            "tech",
            "number-format");
    assertThat(ucontact.type()).isEqualTo("ucontact");
    assertThat(ucontact.name()).isEqualTo("ucontact");
  }

  // --- capabilities and causes ---

  @Test
  void placeAndHangUpAreSupportedStatusAndActiveCallAreNot() {
    assertThat(ucontact.capabilities().placeCall()).isTrue();
    assertThat(ucontact.capabilities().hangUp()).isTrue();
    assertThat(ucontact.capabilities().status()).isFalse();
    assertThat(ucontact.capabilities().activeCall()).isFalse();
    assertThat(ucontact.capabilities().webhookEvents())
        .containsExactlyInAnyOrder(EventType.HANGUP, EventType.OTHER);
    assertThatThrownBy(() -> ucontact.status(GUID))
        .isInstanceOf(ProviderUnsupportedException.class);
    assertThatThrownBy(() -> ucontact.activeCall("6001"))
        .isInstanceOf(ProviderUnsupportedException.class);
  }

  @Test
  void causeTableCoversEveryDocumentedEndingEvent() {
    assertThat(UContactProviderFactory.CAUSES.provider()).isEqualTo("ucontact");
    assertThat(UContactProviderFactory.CAUSES.entries())
        .containsExactly(
            Map.entry("FINISHINTERACTION", HangupCause.NORMAL_CLEARING),
            Map.entry("AGENTRINGNOANSWER", HangupCause.NO_ANSWER));
    assertThat(UContactProviderFactory.CAUSES.map("FinishInteraction"))
        .isEqualTo(HangupCause.NORMAL_CLEARING);
    assertThat(UContactProviderFactory.CAUSES.map("AgentRingNoAnswer"))
        .isEqualTo(HangupCause.NO_ANSWER);
    assertThat(UContactProviderFactory.CAUSES.map("SomethingElse"))
        .isEqualTo(HangupCause.PROVIDER_ERROR);
    assertThat(UContactProviderFactory.CAUSES.otherwise()).isEqualTo(HangupCause.PROVIDER_ERROR);
  }

  @Test
  void poolHasNoLeasedConnectionsAfterFailures() {
    server.enqueue(text(500, "x"));
    server.enqueue(text(200, "0"));
    server.enqueue(text(200, "nope"));
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> ucontact.placeCall(callTo("+51 1 411 5001")))
          .isInstanceOf(RuntimeException.class);
    }

    assertThat(((UContactProvider) ucontact).http().poolStats().getLeased()).isZero();
  }
}

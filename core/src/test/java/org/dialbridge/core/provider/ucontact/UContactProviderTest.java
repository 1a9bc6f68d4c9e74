package org.dialbridge.core.provider.ucontact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dialbridge.core.testing.Fixtures.fixture;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
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
import org.dialbridge.core.spi.DispositionRequest;
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

  // --- DispositionCall ---

  private static final Instant CALLBACK_AT = Instant.parse("2026-11-24T15:30:00Z");
  private static final List<String> DISPOSITION_KEYS =
      List.of(
          "campaign",
          "agent",
          "callerid",
          "guid",
          "l1",
          "l2",
          "l3",
          "comment",
          "schedule",
          "camptoreschedule",
          "tag",
          "d1",
          "d2");

  private static DispositionRequest disposition(String code, String note, Instant callbackAt) {
    return new DispositionRequest("call-1", GUID, ANA, "+5114115001", code, note, callbackAt);
  }

  private void useDispositionKeys(String... keysAndValues) {
    ucontact.close();
    ucontact = provider(properties(with(keysAndValues)));
  }

  private static String[] with(String... keysAndValues) {
    String[] all = new String[keysAndValues.length + 2];
    all[0] = "token";
    all[1] = TOKEN;
    System.arraycopy(keysAndValues, 0, all, 2, keysAndValues.length);
    return all;
  }

  /** Every field of a form body in order, decoded; a key sent twice shows twice. */
  private static List<Map.Entry<String, String>> fields(RecordedRequest request) {
    List<Map.Entry<String, String>> fields = new ArrayList<>();
    for (String pair : body(request).split("&", -1)) {
      int eq = pair.indexOf('=');
      fields.add(
          Map.entry(
              URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)));
    }
    return fields;
  }

  private static Map<String, String> form(RecordedRequest request) {
    Map<String, String> form = new HashMap<>();
    fields(request).forEach(e -> form.put(e.getKey(), e.getValue()));
    return form;
  }

  @Test
  void dispositionSendsEveryDocumentedKeyOnceByteForByte() throws Exception {
    useDispositionKeys(
        "disposition.callback", "Contactado/Volver a llamar", "time-zone", "America/Lima");
    server.enqueue(text(200, "1"));

    ucontact.sendDisposition(
        disposition("callback", "Llamar después de las 10 & antes de las 12", CALLBACK_AT));

    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/Integra/resources/api/DispositionCall");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Basic " + TOKEN);
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo(FORM);
    assertThat(request.getBody().toByteArray())
        .isEqualTo(
            fixture("ucontact/dispositioncall-request.form").getBytes(StandardCharsets.UTF_8));
    assertThat(fields(request))
        .extracting(Map.Entry::getKey)
        .containsExactlyElementsOf(DISPOSITION_KEYS);
    assertThat(form(request))
        .containsEntry("l1", "Contactado")
        .containsEntry("l2", "Volver a llamar")
        .containsEntry("l3", "")
        .containsEntry("schedule", "2026-11-24 10:30:00")
        .containsEntry("camptoreschedule", "manual")
        .containsEntry("comment", "Llamar después de las 10 & antes de las 12");
  }

  @Test
  void anUnmappedCodeIsTheFirstLevelAndUnusedKeysAreSentEmpty() throws Exception {
    server.enqueue(text(200, "1"));

    ucontact.sendDisposition(disposition("no-answer", null, null));

    RecordedRequest request = server.takeRequest();
    assertThat(fields(request))
        .extracting(Map.Entry::getKey)
        .containsExactlyElementsOf(DISPOSITION_KEYS);
    assertThat(form(request))
        .containsExactlyInAnyOrderEntriesOf(
            Map.ofEntries(
                Map.entry("campaign", "manual"),
                Map.entry("agent", "ana.perez"),
                Map.entry("callerid", "5114115001"),
                Map.entry("guid", GUID),
                Map.entry("l1", "no-answer"),
                Map.entry("l2", ""),
                Map.entry("l3", ""),
                Map.entry("comment", ""),
                Map.entry("schedule", ""),
                Map.entry("camptoreschedule", ""),
                Map.entry("tag", "no-answer"),
                Map.entry("d1", ""),
                Map.entry("d2", "")));
  }

  @Test
  void threeMappedLevelsFillL1ToL3() throws Exception {
    useDispositionKeys("disposition.sale", " Contactado / Venta /Tarjeta ");
    server.enqueue(text(200, "1"));

    ucontact.sendDisposition(disposition("sale", "ok", null));

    assertThat(form(server.takeRequest()))
        .containsEntry("l1", "Contactado")
        .containsEntry("l2", "Venta")
        .containsEntry("l3", "Tarjeta")
        .containsEntry("tag", "sale");
  }

  @Test
  void scheduleIsInUtcUnlessATimeZoneIsConfigured() throws Exception {
    server.enqueue(text(200, "1"));

    ucontact.sendDisposition(disposition("callback", null, CALLBACK_AT));

    assertThat(form(server.takeRequest()))
        .containsEntry("schedule", "2026-11-24 15:30:00")
        .containsEntry("camptoreschedule", "manual");
  }

  @Test
  void dispositionCampaignOverridesTheOutqueue() throws Exception {
    useDispositionKeys("disposition-campaign", "Cobranzas");
    server.enqueue(text(200, "1"));

    ucontact.sendDisposition(disposition("callback", null, CALLBACK_AT));

    assertThat(form(server.takeRequest()))
        .containsEntry("campaign", "Cobranzas")
        .containsEntry("camptoreschedule", "Cobranzas");
  }

  @Test
  void callerIdIsTheCustomerInTheConfiguredNumberFormat() throws Exception {
    useDispositionKeys("number-format", "national");
    server.enqueue(text(200, "1"));
    server.enqueue(text(200, "1"));

    ucontact.sendDisposition(disposition("ok", null, null));
    ucontact.sendDisposition(new DispositionRequest("call-2", GUID, ANA, "6005", "ok", null, null));

    assertThat(form(server.takeRequest())).containsEntry("callerid", "14115001");
    assertThat(form(server.takeRequest())).containsEntry("callerid", "6005");
  }

  @Test
  void dispositionAnsweredZeroIsARefusalSayingWhatToCheck() {
    server.enqueue(text(200, "0"));

    assertThatThrownBy(() -> ucontact.sendDisposition(disposition("callback", null, null)))
        .isInstanceOfSatisfying(
            ProviderRejectedException.class,
            e -> {
              assertThat(e.httpStatus()).hasValue(200);
              assertThat(e.outcomeUnknown()).isFalse();
              assertThat(e.getMessage())
                  .contains("uContact refused the disposition", GUID, "ana.perez", "'manual'")
                  .doesNotContain("4115001");
            });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void dispositionHttp500IsUnavailableAndSentOnce() {
    server.enqueue(text(500, "oops"));
    server.enqueue(text(200, "1"));

    assertThatThrownBy(() -> ucontact.sendDisposition(disposition("callback", null, null)))
        .isInstanceOfSatisfying(
            ProviderUnavailableException.class,
            e -> {
              assertThat(e.httpStatus()).hasValue(500);
              assertThat(e.outcomeUnknown()).isTrue();
            });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void dispositionHttp400IsRejectedWithTheProvidersText() {
    server.enqueue(text(400, "Missing parameter campaign"));

    assertThatThrownBy(() -> ucontact.sendDisposition(disposition("callback", null, null)))
        .isInstanceOfSatisfying(
            ProviderRejectedException.class,
            e -> assertThat(e.providerMessage()).hasValue("Missing parameter campaign"));
  }

  @Test
  void dispositionHttp401ObtainsANewTokenOnceAndSendsItOnceMore() throws Exception {
    useLogin();
    server.enqueue(text(200, "b2xkLXRva2Vu"));
    server.enqueue(text(401, "Unauthorized"));
    server.enqueue(text(200, "bmV3LXRva2Vu"));
    server.enqueue(text(200, "1"));

    ucontact.sendDisposition(disposition("callback", "n", CALLBACK_AT));

    List<String> sequence = new ArrayList<>();
    String lastBody = null;
    for (int i = 0; i < 4; i++) {
      RecordedRequest r = server.takeRequest();
      sequence.add(
          r.getTarget().substring(r.getTarget().lastIndexOf('/') + 1)
              + " "
              + r.getHeaders().get("Authorization"));
      lastBody = body(r);
    }
    assertThat(sequence)
        .containsExactly(
            "getUserToken null",
            "DispositionCall Basic b2xkLXRva2Vu",
            "getUserToken null",
            "DispositionCall Basic bmV3LXRva2Vu");
    assertThat(lastBody).contains("guid=" + GUID, "&tag=callback&");
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void dispositionHttp401WithAConfiguredTokenIsAuthenticationFailedAndNotRetried() {
    server.enqueue(text(401, "Unauthorized"));
    server.enqueue(text(200, "1"));

    assertThatThrownBy(() -> ucontact.sendDisposition(disposition("callback", null, null)))
        .isInstanceOf(ProviderAuthenticationException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aSentDispositionLogsOneLineWithTheNumberMasked() {
    server.enqueue(text(200, "1"));
    List<LogRecord> records = new ArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            records.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger logger = Logger.getLogger(UContactProvider.class.getName());
    logger.addHandler(handler);
    try {
      ucontact.sendDisposition(disposition("callback", "secret note", CALLBACK_AT));
    } finally {
      logger.removeHandler(handler);
    }

    assertThat(records).hasSize(1);
    assertThat(records.get(0).getMessage())
        .contains("callback", "call-1", "•••5001")
        .doesNotContain("4115001", "secret note");
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
            "number-format",
            "disposition-campaign",
            "time-zone",
            "disposition.");
    assertThat(ucontact.type()).isEqualTo("ucontact");
    assertThat(ucontact.name()).isEqualTo("ucontact");
  }

  @Test
  void aBadTimeZoneStopsStartupNamingTheKey() {
    Map<String, String> p = properties("token", TOKEN);
    p.put("time-zone", "America/Lim");

    assertThatThrownBy(() -> provider(p))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.key()).isEqualTo("dialbridge.providers.ucontact.time-zone");
              assertThat(e.getMessage()).contains("America/Lim'", "IANA");
            });
  }

  @Test
  void badDispositionMappingsAreReportedTogetherEachByItsKey() {
    Map<String, String> p = properties("token", TOKEN);
    p.put("disposition.sale", "Contactado/Venta/Tarjeta/Cuotas");
    p.put("disposition.callback", "Contactado//Volver a llamar");
    p.put("disposition.left voicemail", "Buzón");
    p.put("disposition.busy", " ");
    p.put("time-zone", "Lima");

    assertThatThrownBy(() -> provider(p))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .extracting(ConfigException.Problem::key)
                    .containsExactlyInAnyOrder(
                        "dialbridge.providers.ucontact.time-zone",
                        "dialbridge.providers.ucontact.disposition.sale",
                        "dialbridge.providers.ucontact.disposition.callback",
                        "dialbridge.providers.ucontact.disposition.left voicemail",
                        "dialbridge.providers.ucontact.disposition.busy"));
  }

  // --- capabilities and causes ---

  @Test
  void placeAndHangUpAreSupportedStatusAndActiveCallAreNot() {
    assertThat(ucontact.capabilities().placeCall()).isTrue();
    assertThat(ucontact.capabilities().hangUp()).isTrue();
    assertThat(ucontact.capabilities().status()).isFalse();
    assertThat(ucontact.capabilities().activeCall()).isFalse();
    assertThat(ucontact.capabilities().dispositions()).isTrue();
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

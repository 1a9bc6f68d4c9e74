package org.dialbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.demo.emulator.EmulatorSettings;
import org.dialbridge.servlet.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The demo as a script sees it: HTTP Basic or the sign-in form, the REST API, calls through each
 * provider to each of the emulator's outcomes, and the stored events against the webhooks sent.
 */
class DemoCrmApiTest {
  private static final String ANA = Http.basic("ana", "ana");

  /**
   * Fast, but an answered leg talks for a second: Bandwidth's agent leg must still be up when
   * Dialbridge transfers it to the customer, even on a loaded machine.
   */
  private static final EmulatorSettings.Timing TIMING =
      EmulatorSettings.Timing.fast().withTalkTime(Duration.ofMillis(1000), Duration.ofMillis(1200));

  private static DemoCrm demo;
  private static Http http;

  @BeforeAll
  static void start() {
    demo =
        DemoCrm.start(
            DemoOptions.defaults()
                .withPort(0)
                .withTiming(TIMING)
                .withJdbcUrl("jdbc:h2:mem:demo-api-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
    http = Http.withCookies(demo.baseUri());
  }

  @AfterAll
  static void stop() {
    if (demo != null) demo.close();
  }

  @Test
  void meAnswersHttpBasicWithTheAgentAndEveryProvider() {
    HttpResponse<String> response =
        http.get("dialbridge/api/me").headers("Authorization", ANA).send();

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode me = Http.json(response);
    assertThat(me.get("user").asText()).isEqualTo("ana");
    assertThat(me.get("extension").asText()).isEqualTo("6001");
    assertThat(me.get("provider").asText()).isEqualTo("c3");
    assertThat(me.get("providers").fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("c3", "bemmelhor", "bandwidth", "bandwidth-v2", "ucontact");
    assertThat(me.at("/providers/bandwidth/type").asText()).isEqualTo("bandwidth");
    assertThat(me.at("/providers/bandwidth-v2/type").asText()).isEqualTo("bandwidth-v2");
    assertThat(me.at("/providers/bandwidth-v2/capabilities/hangUp").asBoolean()).isTrue();
    assertThat(me.at("/providers/bemmelhor/capabilities/hangUp").asBoolean()).isFalse();
  }

  @Test
  void wrongPasswordIs401WithABasicChallenge() {
    HttpResponse<String> response =
        http.get("dialbridge/api/me").headers("Authorization", Http.basic("ana", "bruno")).send();

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
  }

  @Test
  void apiWithoutSignInIsDialbridges401NotARedirect() {
    HttpResponse<String> response =
        Http.withCookies(demo.baseUri()).get("dialbridge/api/me").send();

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(Http.json(response).get("code").asText()).isEqualTo("unauthenticated");
  }

  @Test
  void theRootGoesToTheContacts() {
    HttpResponse<String> response = http.get("").headers("Authorization", ANA).send();

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/contacts"));
    assertThat(http.get("contacts").headers("Authorization", ANA).send().body())
        .contains("Lucía Fernández")
        .contains("Vinhos do Sul")
        .contains("+1 617 555 0005 <span class=\"tag\">rejected</span>");
  }

  @Test
  void pagesWithoutSignInRedirectToTheSignInPageAndBack() {
    HttpResponse<String> response =
        Http.withCookies(demo.baseUri()).get("contacts/3?tab=calls").send();

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location"))
        .hasValueSatisfying(
            location ->
                assertThat(location)
                    .endsWith(
                        "/sign-in?next="
                            + URLEncoder.encode("/contacts/3?tab=calls", StandardCharsets.UTF_8)));
  }

  @Test
  void signInFormStartsASessionThePagesAndTheApiAccept() {
    Http browser = Http.withCookies(demo.baseUri());
    HttpResponse<String> wrong =
        browser
            .post("sign-in")
            .body(
                "application/x-www-form-urlencoded", "user=ana&password=nope&next=%2Fcontacts%2F1")
            .send();
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).contains("Wrong user name or password.");

    HttpResponse<String> signIn =
        browser
            .post("sign-in")
            .body(
                "application/x-www-form-urlencoded",
                "user=bruno&password=bruno&next=%2Fcontacts%2F1")
            .send();
    assertThat(signIn.statusCode()).isEqualTo(302);
    assertThat(signIn.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/contacts/1"));
    assertThat(signIn.headers().firstValue("Set-Cookie"))
        .hasValueSatisfying(c -> assertThat(c).contains("HttpOnly").contains("SameSite=Lax"));

    HttpResponse<String> page = browser.get("contacts/1").send();
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains(
            "<click-to-call id=\"call-main\" number=\"+51 1 555 1234\""
                + " contact-id=\"1\"></click-to-call>")
        .contains("<script type=\"module\" src=\"/dialbridge/click-to-call.js\"></script>")
        .contains("Signed in as <strong>Bruno Costa</strong>");
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(v -> assertThat(v).contains("default-src 'self'"));
    assertThat(Http.json(browser.get("dialbridge/api/me").send()).get("extension").asText())
        .isEqualTo("6002");
  }

  @Test
  void everySignedInPageHasThePhoneOnceInItsHeader() {
    Http browser = Http.withCookies(demo.baseUri());
    assertThat(browser.get("sign-in").send().body()).doesNotContain("dialbridge-phone");
    HttpResponse<String> signIn =
        browser
            .post("sign-in")
            .body("application/x-www-form-urlencoded", "user=ana&password=ana&next=%2Fcontacts")
            .send();
    assertThat(signIn.statusCode()).isEqualTo(302);

    for (String path : List.of("contacts", "contacts/1", "callbacks")) {
      String page = browser.get(path).send().body();
      String header =
          page.substring(page.indexOf("<header class=\"topbar\">"), page.indexOf("</header>"));
      assertThat(header).as(path).contains("<dialbridge-phone></dialbridge-phone>");
      assertThat(page.split("<dialbridge-phone", -1)).as(path + ": one phone").hasSize(2);
      assertThat(page)
          .as(path)
          .contains("<script type=\"module\" src=\"/dialbridge/dialbridge-phone.js\"></script>");
    }
  }

  @Test
  void offsiteNextAfterSignInGoesToTheRootInstead() {
    Http browser = Http.withCookies(demo.baseUri());
    for (String next : List.of("https://evil.example/", "//evil.example/x", "/\\evil.example")) {
      HttpResponse<String> signIn =
          browser
              .post("sign-in")
              .body(
                  "application/x-www-form-urlencoded",
                  "user=ana&password=ana&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8))
              .send();
      assertThat(signIn.headers().firstValue("Location")).as(next).hasValue("/");
    }
  }

  /**
   * Raw query values: a browser resolves {@code /.//x} and {@code /<TAB>/x} to {@code //x}, another
   * site.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "/.//evil.example",
        "/%09/evil.example",
        "//x",
        "/%5Cx",
        "/%5C%5Cx",
        "http%3A%2F%2Fx",
        "https://evil.example/",
        "/./%2F/x",
        "/../x",
        "%2F%2Fx",
        "/%0d%0aSet-Cookie:%20x=1",
        "/%0ax",
        "/%00x",
        "/contacts%0d",
        ""
      })
  void aNextThatCouldLeaveTheCrmGoesToTheRootAndNeverAnswers500(String next) {
    String query = "next=" + next;
    HttpResponse<String> signedIn =
        http.get("sign-in?" + query).headers("Authorization", ANA).send();
    HttpResponse<String> posted =
        Http.withCookies(demo.baseUri())
            .post("sign-in")
            .body("application/x-www-form-urlencoded", "user=ana&password=ana&" + query)
            .send();
    HttpResponse<String> form = Http.withCookies(demo.baseUri()).get("sign-in?" + query).send();

    for (HttpResponse<String> redirect : List.of(signedIn, posted)) {
      assertThat(redirect.statusCode()).as(next + ": " + redirect.body()).isEqualTo(302);
      assertThat(redirect.headers().firstValue("Location")).as(next).hasValue("/");
    }
    assertThat(form.statusCode()).as(next).isEqualTo(200);
    assertThat(form.body()).as(next).contains("name=\"next\" value=\"/\"");
  }

  @Test
  void aNextInsideTheCrmIsKeptWithItsQuery() {
    HttpResponse<String> signedIn =
        http.get(
                "sign-in?next="
                    + URLEncoder.encode("/contacts/3?tab=calls&q=a%20b", StandardCharsets.UTF_8))
            .headers("Authorization", ANA)
            .send();

    assertThat(signedIn.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/contacts/3?tab=calls&q=a%20b"));
  }

  @Test
  void errorPagesNameNoServletAndNoClass() {
    Http signedIn = Http.withCookies(demo.baseUri());
    signedIn
        .post("sign-in")
        .body("application/x-www-form-urlencoded", "user=ana&password=ana")
        .send();
    List<HttpResponse<String>> errors =
        List.of(
            http.post("contacts").body("text/plain", "x").headers("Authorization", ANA).send(),
            Http.withCookies(demo.baseUri()).get("demo/nothing-here.css").send(),
            signedIn
                .post("sign-out")
                .body("application/x-www-form-urlencoded", "csrf=wrong")
                .send());

    for (HttpResponse<String> error : errors) {
      assertThat(error.statusCode()).as(error.uri().toString()).isBetween(400, 499);
      assertThat(error.body())
          .as(error.uri().toString())
          .doesNotContainIgnoringCase("servlet")
          .doesNotContain("org.")
          .doesNotContain("Exception")
          .doesNotContain("jetty");
    }
  }

  @Test
  void widgetAndDemoFilesAreServedFromTheJarsWithoutSignIn() {
    Http anonymous = Http.withCookies(demo.baseUri());
    HttpResponse<String> widget = anonymous.get("dialbridge/click-to-call.js").send();
    assertThat(widget.statusCode()).isEqualTo(200);
    assertThat(widget.body()).contains("class ClickToCall extends HTMLElement");
    HttpResponse<String> phone = anonymous.get("dialbridge/dialbridge-phone.js").send();
    assertThat(phone.statusCode()).isEqualTo(200);
    assertThat(phone.body()).contains("class Phone extends HTMLElement");
    assertThat(anonymous.get("demo/contact.js").send().statusCode()).isEqualTo(200);
    assertThat(anonymous.get("demo/").send().statusCode())
        .as("no directory listing")
        .isNotEqualTo(200);
  }

  @Test
  void contactPageEscapesWhatItShowsAndUnknownContactsAre404() {
    Http browser = Http.withCookies(demo.baseUri());
    HttpResponse<String> list =
        browser
            .get("contacts?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
            .headers("Authorization", ANA)
            .send();
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body())
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .doesNotContain("<script>alert(1)");

    assertThat(browser.get("contacts/999").headers("Authorization", ANA).send().statusCode())
        .isEqualTo(404);
  }

  @Test
  void webhooksAreNotBehindSignInButStillNeedTheProvidersToken() {
    Http provider = Http.withCookies(demo.baseUri());
    HttpResponse<String> response =
        provider
            .post("dialbridge/webhooks/c3")
            .body("application/json", "{\"event\":\"dialing\",\"callId\":\"api_x\"}")
            .send();

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(Http.json(response).get("code").asText()).isEqualTo("webhook_unauthenticated");
  }

  /**
   * Each provider carries a call to each outcome the emulator can play, and stores every webhook
   * once.
   */
  @ParameterizedTest
  @ValueSource(strings = {"c3", "bemmelhor", "bandwidth", "ucontact"})
  void everyOutcomeEndsAsItShouldAndEveryWebhookIsStoredOnce(String provider) {
    Map<String, CallStatus> expected = new LinkedHashMap<>();
    expected.put("+51 1 555 1234", CallStatus.COMPLETED);
    expected.put("+51 1 555 0002", CallStatus.BUSY);
    expected.put("+55 21 99876 0003", CallStatus.NO_ANSWER);
    expected.put("+1 312 555 0004", CallStatus.FAILED);
    // Asterisk records a declined call as BUSY, and BemMelhor reports Asterisk's disposition
    expected.put(
        "+1 617 555 0005", provider.equals("bemmelhor") ? CallStatus.BUSY : CallStatus.REJECTED);

    int mark = StoredEvents.mark(demo);
    // one call at a time, as an agent makes them: uContact's AgentRingNoAnswer names the agent,
    // not the call, so it can only be told apart from the agent's other calls by being the live one
    Map<String, String> callIds = new LinkedHashMap<>();
    expected
        .keySet()
        .forEach(
            number -> {
              HttpResponse<String> placed =
                  http.post("dialbridge/api/calls")
                      .body(
                          "application/json",
                          "{\"contactId\":\"1\",\"number\":\""
                              + number
                              + "\",\"provider\":\""
                              + provider
                              + "\"}")
                      .headers("Authorization", ANA, "X-Dialbridge-Request", "1")
                      .send();
              assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
              JsonNode call = Http.json(placed);
              assertThat(call.get("provider").asText()).isEqualTo(provider);
              assertThat(call.get("agentExtension").asText()).isEqualTo("6001");
              String id = call.get("id").asText();
              callIds.put(number, id);
              Await.until(
                  Duration.ofSeconds(10),
                  provider + " call to " + number + " to end",
                  () -> demo.dialbridge().call(id).status().isTerminal());
            });

    Map<String, CallStatus> actual = new LinkedHashMap<>();
    callIds.forEach((number, id) -> actual.put(number, demo.dialbridge().call(id).status()));
    assertThat(actual).as(() -> StoredEvents.describe(demo, callIds.values())).isEqualTo(expected);
    Call answered = demo.dialbridge().call(callIds.get("+51 1 555 1234"));
    assertThat(answered.answeredAt()).isNotNull();
    assertThat(answered.to()).isEqualTo("+5115551234");

    StoredEvents.assertMatchSentWebhooks(demo, provider, callIds.values(), mark);
  }

  /**
   * The widget follows a call over server-sent events: one {@code call} event per status, then the
   * stream ends.
   */
  @Test
  void statusStreamSendsEachStatusThenEnds() throws Exception {
    int mark = StoredEvents.mark(demo);
    HttpResponse<String> placed =
        http.post("dialbridge/api/calls")
            .body(
                "application/json",
                "{\"contactId\":\"15\",\"number\":\"+1 415 555 0132\",\"provider\":\"c3\"}")
            .headers("Authorization", ANA, "X-Dialbridge-Request", "1")
            .send();
    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
    String id = Http.json(placed).get("id").asText();

    HttpResponse<String> stream =
        http.get("dialbridge/api/calls/" + id + "/events")
            .headers("Authorization", ANA, "Accept", "text/event-stream")
            .send();

    assertThat(stream.statusCode()).as(stream.body()).isEqualTo(200);
    assertThat(stream.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
    List<String> statuses =
        stream
            .body()
            .lines()
            .filter(l -> l.startsWith("data:"))
            .map(l -> Http.json(l.substring(5)).get("status").asText())
            .toList();
    assertThat(statuses).last().isEqualTo("COMPLETED");
    assertThat(statuses).containsSubsequence("ANSWERED", "COMPLETED");
    StoredEvents.assertMatchSentWebhooks(demo, "c3", List.of(id), mark);
  }

  @Test
  void contactHistoryListsTheContactsCallsNewestFirst() {
    int mark = StoredEvents.mark(demo);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      HttpResponse<String> placed =
          http.post("dialbridge/api/calls")
              .body(
                  "application/json",
                  "{\"contactId\":\"12\",\"number\":\"+55 51 3222"
                      + " 1100\",\"provider\":\"bemmelhor\"}")
              .headers("Authorization", ANA, "X-Dialbridge-Request", "1")
              .send();
      assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
      String id = Http.json(placed).get("id").asText();
      ids.add(0, id);
      // an agent has one live call at a time: the next one waits for this one to end
      Await.until(
          Duration.ofSeconds(10),
          "bemmelhor call " + id + " to end",
          () -> demo.dialbridge().call(id).status().isTerminal());
    }

    JsonNode history =
        Http.json(
            http.get("dialbridge/api/contacts/12/calls").headers("Authorization", ANA).send());

    assertThat(
            StreamSupport.stream(history.get("calls").spliterator(), false)
                .map(c -> c.get("id").asText()))
        .containsExactlyElementsOf(ids);
    StoredEvents.assertMatchSentWebhooks(demo, "bemmelhor", ids, mark);
  }

  /**
   * A call the CRM did not place (a BemMelhor agent dialled from the desk phone) reaches the
   * contact through DemoContactDirectory.
   */
  @Test
  void aCallTheCrmDidNotPlaceLandsInTheHistoryOfTheFirstContactWithThatNumber() {
    String callId = "c" + UUID.randomUUID().toString().replace("-", "").substring(0, 15);
    String body =
        "{\"event\":\"call.dialing\",\"clientId\":\""
            + EmulatorSettings.DEMO_BEMMELHOR_CLIENT_ID
            + "\",\"data\":{"
            + "\"created\":"
            + System.currentTimeMillis()
            + ",\"from\":\"6002\",\"to\":\"01135551100\",\"error\":null,"
            + "\"callId\":\""
            + callId
            + "\",\"serverMessage\":\"Chamando o destino\",\"disposition\":null}}";

    HttpResponse<String> delivered =
        Http.withCookies(demo.baseUri())
            .post("dialbridge/webhooks/bemmelhor")
            .body("application/json", body)
            .headers("X-Dialbridge-Token", EmulatorSettings.demoWebhookToken("bemmelhor"))
            .send();

    assertThat(delivered.statusCode()).as(delivered.body()).isEqualTo(204);
    assertThat(demo.dialbridge().awaitInboxApplied(Duration.ofSeconds(10))).isTrue();
    // +55 11 3555 1100 is the office of contacts 8 and 9: the directory answers 8 first
    JsonNode eight =
        Http.json(http.get("dialbridge/api/contacts/8/calls").headers("Authorization", ANA).send());
    assertThat(
            StreamSupport.stream(eight.get("calls").spliterator(), false)
                .map(c -> c.get("providerCallId").asText()))
        .contains(callId);
    JsonNode nine =
        Http.json(http.get("dialbridge/api/contacts/9/calls").headers("Authorization", ANA).send());
    assertThat(nine.get("calls")).isEmpty();
    assertThat(Set.of(new DemoContactDirectory().contactIds("+551135551100").toArray()))
        .containsExactlyInAnyOrder("8", "9");
  }
}

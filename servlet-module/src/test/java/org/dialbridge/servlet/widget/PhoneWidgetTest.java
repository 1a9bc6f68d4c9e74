package org.dialbridge.servlet.widget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.dialbridge.core.spi.ContactMatch;
import org.dialbridge.core.testing.TestConfig;
import org.dialbridge.servlet.testing.Browser;
import org.dialbridge.servlet.testing.Http;
import org.dialbridge.servlet.testing.TestContacts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.interactions.Actions;

/**
 * {@code <dialbridge-phone>} in headless Chromium against the real inbound REST API
 * (docs/inbound.md): inbound calls are posted as generic-format webhooks, their callers looked up
 * in {@link TestContacts}, and the agent (ana, extension 6001) sees them pop in the page's header.
 * Each test uses its own caller number and call ids; screenshots go to {@code target/screenshots/}.
 */
class PhoneWidgetTest {
  @RegisterExtension static final Browser browser = new Browser(900, 600);

  private static final String HOOK = "dialbridge/webhooks/c3/c3-hook-token";
  private static final String DIALLED = "+5114400000";
  private static final AtomicInteger ids = new AtomicInteger();

  private static TestCrm crm;

  /** The inbound calls started on each test CRM: none outlives its test. */
  private static final Map<TestCrm, Set<String>> started = new ConcurrentHashMap<>();

  /** The calls a pop showed, by id: one whose contact is still to choose is chosen at the end. */
  private static final Map<String, TestCrm> shown = new ConcurrentHashMap<>();

  private final PhoneElement phone = new PhoneElement(browser);
  private String window; // the test's first

  @BeforeAll
  static void start() throws Exception {
    crm = TestCrm.start(settings("phone-widget").properties());
  }

  private static TestConfig settings(String store) {
    return TestConfig.region("PE")
        .defaultProvider("c3")
        .h2Store(store)
        .provider("c3", "c3", "http://127.0.0.1:9/")
        .token("c3", "c3-api-token")
        .webhookToken("c3", "c3-hook-token")
        .agent("ana", "6001")
        .agent("bruno", "6002")
        .set("dialbridge.inbound.routes." + DIALLED, "ana,bruno")
        .set("dialbridge.inbound.contact-url", "/crm/contacts/{id}")
        .set("dialbridge.inbound.create-contact-url", "/crm/contacts/new?phone={number}");
  }

  @AfterAll
  static void stop() throws Exception {
    if (crm != null) crm.close();
  }

  @BeforeEach
  void signIn() {
    JsonNode me = Http.json(crm.http().get("dialbridge/api/me").as("ana").send());
    Assumptions.assumeTrue(
        me.has("inbound"), "needs the inbound REST API (issue 17): /me has no inbound");
    window = browser.driver().getWindowHandle();
    browser.open("about:blank");
    browser.open(crm.url("sign-in?user=ana&password=ana"));
    crm.forgetApiRequests();
  }

  /** Every call hung up, its contact chosen: the stream replays none of them to the next test. */
  @AfterEach
  void endEveryCall() {
    closeOtherWindows();
    browser.open("about:blank");
    started.forEach(
        (on, calls) -> {
          for (String callId : calls) hangup(on, callId, "NORMAL_CLEARING");
          calls.clear();
        });
    for (var seen : shown.entrySet()) {
      JsonNode call = call(seen.getValue(), seen.getKey());
      if (call.path("inbound").path("choose").asBoolean()) {
        String first = call.path("inbound").path("matches").get(0).path("id").asText();
        choose(seen.getValue(), "admin", seen.getKey(), first);
      }
    }
    shown.clear();
  }

  // ------------------------------------------------------------------ the pop

  @Test
  void aRingingCallPopsWithinASecondWithItsCallersContact() {
    String from = caller();
    TestContacts.put(from, new ContactMatch("c-101", "Ana Torres", null, null));
    openPhone("");

    long posted = System.nanoTime();
    ringing(from);
    phone.awaitContact("Ana Torres", 1);

    assertThat((System.nanoTime() - posted) / 1e9).as("seconds from webhook to pop").isLessThan(1);
    assertThat(phone.state()).isEqualTo("ringing");
    assertThat(phone.title()).isEqualTo("Incoming call");
    assertThat(phone.number()).isEqualTo(from);
    assertThat(phone.openButton().isDisplayed()).isTrue();
    assertThat(phone.openButton().getText()).isEqualTo("Open");
    assertThat(phone.openButton().getAccessibleName()).isEqualTo("Open Ana Torres");
    assertThat(phone.createButton().isDisplayed()).as("a known caller").isFalse();
    assertThat(phone.matches()).isEmpty();
    assertThat(phone.pop().getDomAttribute("role")).isEqualTo("alertdialog");
    assertThat(phone.pop().getAccessibleName()).isEqualTo("Incoming call");
    assertThat(phone.focused()).as("the focus moves to the pop").isEqualTo("open");
    browser.screenshot("phone-ringing");
  }

  @Test
  void openFiresACancelableEventWithTheContactAndNavigatesUnlessCanceled() {
    String from = caller();
    TestContacts.put(
        from, new ContactMatch("c-102", "Bruno Díaz", "/crm/contacts/c-102?x=1", null));
    openPhone("veto");
    ringing(from);
    phone.awaitContact("Bruno Díaz", 5);
    String id = shownCallId(crm);

    phone.openButton().click();

    assertThat(events("open-contact"))
        .singleElement()
        .isEqualTo(
            Map.of("contactId", "c-102", "url", crm.url("contacts/c-102?x=1"), "callId", id));
    assertThat(browser.<Boolean>script("return window.dialbridgeEvents[0].cancelable")).isTrue();
    assertThat(browser.driver().getCurrentUrl())
        .as("canceled: the page stays")
        .endsWith("/phone?veto");

    browser.open(crm.url("phone"));
    phone.awaitContact("Bruno Díaz", 5); // the stream brings the ringing call again
    phone.openButton().click();

    browser.await("the contact's page", 5, d -> d.getCurrentUrl().endsWith("/contacts/c-102?x=1"));
  }

  @Test
  void aContactWithoutItsOwnUrlOpensTheConfiguredOneAndNeverAJavascriptUrl() {
    String from = caller();
    TestContacts.put(from, new ContactMatch("c/103", "Carla Ruiz", "javascript:alert(1)", null));
    openPhone("veto");
    ringing(from);
    phone.awaitContact("Carla Ruiz", 5);

    phone.openButton().click();

    assertThat(events("open-contact"))
        .singleElement()
        .extracting(e -> e.get("url"))
        .as("dialbridge.inbound.contact-url, the id encoded")
        .isEqualTo(crm.url("contacts/c%2F103"));
  }

  @Test
  void anUnknownCallerOffersCreateContactWithTheNumberInTheUrl() {
    String from = caller();
    openPhone("");
    ringing(from);
    phone.awaitContact("Unknown caller", 5);

    assertThat(phone.openButton().isDisplayed()).isFalse();
    assertThat(phone.createButton().getText()).isEqualTo("Create contact");
    assertThat(phone.focused()).isEqualTo("create");
    browser.screenshot("phone-unknown-caller");
    phone.createButton().click();

    browser.await("the new contact's page", 5, d -> d.getCurrentUrl().contains("/contacts/new"));
    assertThat(browser.driver().getCurrentUrl())
        .endsWith("/crm/contacts/new?phone=" + from.replace("+", "%2B"));
  }

  @Test
  void createContactFiresACancelableEventWithTheNumber() {
    String from = caller();
    openPhone("veto");
    ringing(from);
    phone.awaitContact("Unknown caller", 5);
    String id = shownCallId(crm);

    phone.createButton().click();

    assertThat(events("create-contact"))
        .singleElement()
        .isEqualTo(
            Map.of(
                "number",
                from,
                "url",
                crm.url("contacts/new?phone=" + from.replace("+", "%2B")),
                "callId",
                id));
    assertThat(browser.driver().getCurrentUrl()).endsWith("/phone?veto");
  }

  @Test
  void aPageFetchesThePopOnlyWithItsFirstCall() throws Exception {
    openPhone("");
    Thread.sleep(300); // what the page fetches by itself, fetched
    assertThat(fetched("/dialbridge/phone-pop.js")).as("no call yet").isFalse();

    ringing(caller());

    phone.awaitContact("Unknown caller", 5);
    assertThat(fetched("/dialbridge/phone-pop.js")).isTrue();
  }

  @Test
  void thePopNeverShowsBeforeItsStyles() {
    crm.delayPhoneStyles(1500);
    try {
      openPhone("");
      // every frame the pop is shown unstyled, counted
      browser.script(
          "window.unstyled = 0; (function frame() { const p = document.getElementById('phone')"
              + ".shadowRoot?.querySelector('[part=pop]'); if (p && !p.hidden &&"
              + " getComputedStyle(p).position !== 'absolute') unstyled++;"
              + " requestAnimationFrame(frame); })()");

      ringing(caller());

      phone.awaitContact("Unknown caller", 5);
      assertThat(browser.<Long>script("return window.unstyled")).isZero();
    } finally {
      crm.delayPhoneStyles(0);
    }
  }

  /** Whether the page fetched a URL ending in {@code path}. */
  private static boolean fetched(String path) {
    return browser.script(
        "return performance.getEntriesByType('resource').some(e => e.name.endsWith(arguments[0]))",
        path);
  }

  // ------------------------------------------------------------------ several matches

  @Test
  void severalMatchesAreAChoiceThatEveryReloadShowsOnceMade() {
    String from = caller();
    TestContacts.put(
        from,
        new ContactMatch("c-201", "Dora Paz", null, null),
        new ContactMatch("c-202", "Dora Paz Vega", null, null));
    openPhone("");
    ringing(from);
    phone.awaitContact("Who is calling?", 5);
    String id = shownCallId(crm);
    assertThat(phone.matchNames()).containsExactly("Dora Paz", "Dora Paz Vega");
    assertThat(phone.openButton().isDisplayed()).isFalse();
    assertThat(phone.createButton().isDisplayed()).isFalse();
    assertThat(phone.focused()).isEqualTo("match");
    browser.screenshot("phone-choose");

    phone.matches().get(1).click();

    phone.awaitContact("Dora Paz Vega", 5);
    assertThat(crm.api())
        .anySatisfy(
            r -> {
              assertThat(r.method()).isEqualTo("PUT");
              assertThat(r.path()).endsWith("/dialbridge/api/calls/" + id + "/contact");
              assertThat(r.csrfHeader()).isEqualTo("1");
            });
    assertThat(call(crm, id).get("contactId").asText()).isEqualTo("c-202");
    assertThat(phone.matches()).isEmpty();
    assertThat(phone.openButton().isDisplayed()).isTrue();
    assertThat(phone.focused()).as("the chosen match's button went").isEqualTo("open");

    browser.driver().navigate().refresh();

    phone.awaitContact("Dora Paz Vega", 5);
    assertThat(phone.matches()).isEmpty();
  }

  @Test
  void aChoiceTheServerRefusesSaysSoInThePop() {
    String from = caller();
    TestContacts.put(
        from,
        new ContactMatch("c-211", "Eva Soto", null, null),
        new ContactMatch("c-212", "Eva Soto Lima", null, null));
    openPhone("");
    ringing(from);
    phone.awaitContact("Who is calling?", 5);
    shownCallId(crm);
    browser.script(
        "const f = window.fetch; window.fetch = (u, o) => o?.method === 'PUT' ? Promise.resolve("
            + "new Response('{\"code\":\"store_unavailable\"}', {status: 503})) : f(u, o)");

    phone.matches().get(0).click();

    browser.await("an error", 5, d -> !phone.error().isEmpty());
    assertThat(phone.error()).isEqualTo("That did not work: try again.");
    assertThat(phone.matchNames()).as("still to choose").hasSize(2);
  }

  @Test
  void aChoiceAnsweredAfterTheCallMovedOnNeverTakesItBack() throws Exception {
    String from = caller();
    TestContacts.put(
        from,
        new ContactMatch("c-221", "Ada Luna", null, null),
        new ContactMatch("c-222", "Ada Luna Rey", null, null));
    openPhone("");
    String callId = ringing(from);
    phone.awaitContact("Who is calling?", 5);
    shownCallId(crm);
    // the PUT's answer (the call still ringing) held back until the answer's event is in
    browser.script(
        "const f = window.fetch; window.fetch = async (u, o) => { const r = await f(u, o);"
            + " if (o?.method === 'PUT') await new Promise(go => window.releasePut = go);"
            + " return r; }");

    phone.matches().get(0).click();
    browser.await("the PUT sent", 5, d -> browser.script("return !!window.releasePut"));
    answered(crm, callId, "6001");
    phone.awaitState("answered", 5);
    phone.awaitContact("Ada Luna", 5);
    browser.script("window.releasePut()");

    Thread.sleep(500); // the PUT's answer read (a few ms): nothing shows that it was
    assertThat(phone.state()).isEqualTo("answered");
    assertThat(phone.title()).isEqualTo("On call");
  }

  @Test
  void twoTabsShowTheSameCallAndAChoiceInOneShowsInTheOther() {
    String from = caller();
    TestContacts.put(
        from,
        new ContactMatch("c-301", "Fabio Ríos", null, null),
        new ContactMatch("c-302", "Fabio Ríos Paz", null, null));
    openPhone("");
    String first = browser.driver().getWindowHandle();
    browser.driver().switchTo().newWindow(WindowType.TAB);
    openPhone("");
    String second = browser.driver().getWindowHandle();

    ringing(from);

    for (String tab : List.of(first, second)) {
      browser.driver().switchTo().window(tab);
      phone.awaitContact("Who is calling?", 5);
    }
    shownCallId(crm);
    phone.matches().get(0).click(); // in the second tab
    phone.awaitContact("Fabio Ríos", 5);

    browser.driver().switchTo().window(first);
    phone.awaitContact("Fabio Ríos", 5);
    assertThat(phone.matches()).isEmpty();
  }

  // ------------------------------------------------------------------ when it pops

  @Test
  void aCallAnsweredByAnotherAgentLeavesThePop() {
    String from = caller();
    TestContacts.put(from, new ContactMatch("c-401", "Gina Luz", null, null));
    openPhone("");
    String callId = ringing(crm, from, null); // the route rings ana and bruno

    phone.awaitContact("Gina Luz", 5);
    answered(crm, callId, "6002");

    phone.awaitState("idle", 5);
    assertThat(phone.popShown()).isFalse();
  }

  @Test
  void aCallTheAgentAnswersStaysAsOnCall() {
    String from = caller();
    TestContacts.put(from, new ContactMatch("c-402", "Hugo Sol", null, null));
    openPhone("");
    String callId = ringing(crm, from, null);
    phone.awaitContact("Hugo Sol", 5);

    answered(crm, callId, "6001");

    phone.awaitState("answered", 5);
    assertThat(phone.title()).isEqualTo("On call");
    assertThat(phone.contact()).isEqualTo("Hugo Sol");
    hangup(crm, callId, "NORMAL_CLEARING");
    phone.awaitState("ended", 5);
    assertThat(phone.title()).isEqualTo("Call ended");
    phone.awaitState("idle", 12);
  }

  @Test
  void anUnansweredCallShowsMissedForAMomentThenGoes() {
    String from = caller();
    openPhone("");
    String callId = ringing(from);
    phone.awaitContact("Unknown caller", 5);

    hangup(crm, callId, "NO_ANSWER");

    phone.awaitState("missed", 5);
    assertThat(phone.title()).isEqualTo("Missed call");
    assertThat(phone.announced()).isEqualTo("Missed call: " + from + " Unknown caller");
    assertThat(
            browser.<Boolean>script(
                "const e = document.documentElement;" + " return e.scrollWidth > e.clientWidth"))
        .as("what it announces widens no page")
        .isFalse();
    browser.screenshot("phone-missed");
    phone.awaitState("idle", 12);
  }

  @Test
  void withPopAnswerNothingShowsUntilTheAgentAnswers() throws Exception {
    withCrm(
        settings("phone-widget-answer").set("dialbridge.inbound.pop", "answer"),
        other -> {
          String from = caller();
          TestContacts.put(from, new ContactMatch("c-501", "Iris Mar", null, null));
          String callId = ringing(other, from, "6001");

          Thread.sleep(1500);
          assertThat(phone.state()).as("ringing: no pop").isEqualTo("idle");
          answered(other, callId, "6001");

          phone.awaitContact("Iris Mar", 5);
          assertThat(phone.state()).isEqualTo("answered");
        });
  }

  @Test
  void withPopNeverNothingShows() throws Exception {
    withCrm(
        settings("phone-widget-never").set("dialbridge.inbound.pop", "never"),
        other -> {
          String callId = ringing(other, caller(), "6001");
          answered(other, callId, "6001");

          Thread.sleep(1500);
          assertThat(phone.state()).isEqualTo("idle");
        });
  }

  @Test
  void whereTheServerLinksNoneOfSeveralEachMatchOpens() throws Exception {
    withCrm(
        settings("phone-widget-none").set("dialbridge.inbound.several-matches", "none"),
        other -> {
          String from = caller();
          TestContacts.put(
              from,
              new ContactMatch("c-511", "Joel Paz", null, null),
              new ContactMatch("c-512", "Joel Paz Ruiz", null, null));
          ringing(other, from, "6001");
          phone.awaitState("ringing", 5);
          assertThat(phone.matchNames()).containsExactly("Joel Paz", "Joel Paz Ruiz");
          assertThat(phone.contact()).as("no choice to make").isEmpty();

          phone.matches().get(1).click();

          browser.await(
              "the contact's page", 5, d -> d.getCurrentUrl().endsWith("/contacts/c-512"));
          assertThat(other.api()).noneMatch(r -> r.method().equals("PUT"));
        });
  }

  /** Runs {@code test} with ana on the phone page of a test CRM of its own. */
  private void withCrm(TestConfig config, CrmTest test) throws Exception {
    TestCrm other = TestCrm.start(config.properties());
    try {
      browser.open(other.url("sign-in?user=ana&password=ana"));
      browser.open(other.url("phone"));
      phone.awaitState("idle", 5);
      test.run(other);
    } finally {
      browser.open("about:blank");
      started.remove(other);
      other.close();
    }
  }

  private interface CrmTest {
    void run(TestCrm crm) throws Exception;
  }

  // ------------------------------------------------------------------ tabs in the background

  @Test
  void whenEveryTabIsHiddenOneOfThemNotifies() {
    String from = caller();
    TestContacts.put(from, new ContactMatch("c-601", "Julia Paz", null, null));
    openPhone("hidden");
    String first = browser.driver().getWindowHandle();
    browser.driver().switchTo().newWindow(WindowType.TAB);
    openPhone("hidden");
    String second = browser.driver().getWindowHandle();

    ringing(from);

    List<Map<String, Object>> all = new ArrayList<>();
    for (String tab : List.of(first, second)) {
      browser.driver().switchTo().window(tab);
      phone.awaitContact("Julia Paz", 5);
    }
    for (String tab : List.of(first, second)) {
      browser.driver().switchTo().window(tab);
      all.addAll(notifications());
    }
    assertThat(all)
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.get("title")).isEqualTo("Incoming call");
              assertThat(n.get("body")).isEqualTo(from + " Julia Paz");
            });
  }

  @Test
  void clickingTheNotificationPutsTheFocusInThePop() {
    String from = caller();
    TestContacts.put(from, new ContactMatch("c-602", "Kira Sol", null, null));
    openPhone("hidden");
    browser.driver().findElement(By.id("search")).click(); // typing: the pop leaves the focus
    ringing(from);
    phone.awaitContact("Kira Sol", 5);
    assertThat(phone.focused()).isEqualTo("search");

    browser.script("window.notifications[0].onclick()");

    assertThat(phone.focused()).isEqualTo("open");
  }

  @Test
  void aVisibleTabDoesNotNotify() {
    String from = caller();
    openPhone("");
    ringing(from);
    phone.awaitContact("Unknown caller", 5);

    assertThat(notifications()).isEmpty();
  }

  @Test
  void permissionToNotifyIsAskedOnTheAgentsFirstClickInTheElement() {
    String from = caller();
    openPhone("permission=default");
    ringing(from);
    phone.awaitContact("Unknown caller", 5);
    assertThat(browser.<Long>script("return window.permissionAsked")).isZero();

    phone.dismissButton().click();

    assertThat(browser.<Long>script("return window.permissionAsked")).isEqualTo(1);
  }

  // ------------------------------------------------------------------ the agent's language

  @Test
  void theLabelsAreInSpanish() {
    String from = caller();
    openPhone("lang=es");
    ringing(from);

    phone.awaitContact("Número desconocido", 5);

    assertThat(phone.title()).isEqualTo("Llamada entrante");
    assertThat(phone.createButton().getText()).isEqualTo("Crear contacto");
    assertThat(phone.dismissButton().getAccessibleName()).isEqualTo("Cerrar");
    browser.screenshot("phone-es");
  }

  @Test
  void itsOwnLangAttributeWins() {
    String from = caller();
    openPhone("lang=es");
    ringing(from);
    phone.awaitContact("Número desconocido", 5);

    browser.script("document.getElementById('phone').lang = 'pt-BR'");

    phone.awaitContact("Número desconhecido", 5);
    assertThat(phone.title()).isEqualTo("Chamada recebida");
  }

  @Test
  void theLabelsAreInPortuguese() {
    String from = caller();
    TestContacts.put(
        from,
        new ContactMatch("c-701", "Lia Rocha", null, null),
        new ContactMatch("c-702", "Lia Rocha Alves", null, null));
    openPhone("lang=pt-BR");
    ringing(from);

    phone.awaitContact("Quem está ligando?", 5);
    shownCallId(crm);

    assertThat(phone.title()).isEqualTo("Chamada recebida");
    assertThat(phone.matchNames()).containsExactly("Lia Rocha", "Lia Rocha Alves");
  }

  // ------------------------------------------------------------------ keyboard and screen readers

  @Test
  void escapeDismissesThePopWithoutReachingThePage() {
    String from = caller();
    TestContacts.put(from, new ContactMatch("c-801", "Mara Gil", null, null));
    openPhone("");
    browser.script(
        "window.pageKeys = []; document.addEventListener('keydown', e => pageKeys.push(e.key))");
    ringing(from);
    phone.awaitContact("Mara Gil", 5);
    assertThat(phone.focused()).isEqualTo("open");

    new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
    assertThat(phone.focused()).isEqualTo("dismiss");
    new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();

    phone.awaitState("idle", 5);
    assertThat(browser.<List<String>>script("return window.pageKeys")).doesNotContain("Escape");
  }

  @Test
  void aPopNeverTakesTheFocusFromAFieldTheAgentTypesInButIsAnnounced() {
    String from = caller();
    TestContacts.put(from, new ContactMatch("c-802", "Nora Ruiz", null, null));
    openPhone("");
    browser.driver().findElement(By.id("search")).sendKeys("Nor");

    String callId = ringing(from);

    phone.awaitContact("Nora Ruiz", 5);
    assertThat(phone.focused()).isEqualTo("search");
    assertThat(phone.announced()).isEqualTo("Incoming call: " + from + " Nora Ruiz");
    assertThat(phone.pop().getDomAttribute("aria-describedby")).isNotBlank();
    answered(crm, callId, "6001");
    browser.await("the answer announced", 5, d -> phone.announced().startsWith("On call"));
    assertThat(phone.announced()).isEqualTo("On call: " + from + " Nora Ruiz");
  }

  @Test
  void dismissingGivesTheFocusBackWhereItWas() {
    String from = caller();
    openPhone("");
    browser.script("document.querySelector('.brand').focus()");

    ringing(from);
    phone.awaitContact("Unknown caller", 5);
    assertThat(phone.focused()).isEqualTo("create");
    new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();

    phone.awaitState("idle", 5);
    assertThat(browser.<String>script("return document.activeElement.className"))
        .isEqualTo("brand");
  }

  // ------------------------------------------------------------------ reloads and breaks

  @Test
  void aReloadShowsTheRingingCallAgain() {
    String from = caller();
    TestContacts.put(from, new ContactMatch("c-901", "Olga Vera", null, null));
    openPhone("");
    ringing(from);
    phone.awaitContact("Olga Vera", 5);

    browser.driver().navigate().refresh();

    phone.awaitContact("Olga Vera", 5);
    assertThat(phone.state()).isEqualTo("ringing");
  }

  @Test
  void aCallThatEndedWhileTheStreamWasClosedIsLookedUpWhenItOpensAgain() {
    String from = caller();
    TestContacts.put(from, new ContactMatch("c-902", "Pia Nuñez", null, null));
    openPhone("");
    String callId = ringing(from);
    phone.awaitContact("Pia Nuñez", 5);

    // a layout that re-renders its header takes the element out and puts it back
    browser.script("window.held = document.getElementById('phone'); held.remove()");
    hangup(crm, callId, "NO_ANSWER");
    browser.script("document.querySelector('header').append(window.held)");

    phone.awaitState("missed", 5);
  }

  @Test
  void itTalksToTheApiItsApiBaseNames() {
    browser.open(crm.url("phone"));
    browser.script(
        "const old = document.getElementById('phone'), el ="
            + " document.createElement('dialbridge-phone'); el.id = 'phone';"
            + " el.setAttribute('api-base', '/crm/elsewhere/api'); old.replaceWith(el)");

    browser.await(
        "a request to /crm/elsewhere/api/me",
        5,
        d ->
            browser.<Boolean>script(
                "return performance.getEntriesByType('resource')"
                    + ".some(e => e.name.endsWith('/crm/elsewhere/api/me'))"));
  }

  @Test
  void aStreamTheServerRefusedIsOpenedAgainLater() {
    String from = caller();
    crm.breakEventStreams(true);
    try {
      browser.open(crm.url("phone"));
      browser.await(
          "a refused stream",
          5,
          d -> crm.api().stream().anyMatch(r -> r.path().endsWith("/me/events")));
    } finally {
      crm.breakEventStreams(false);
    }
    ringing(from);

    phone.awaitContact("Unknown caller", 8);
  }

  // ------------------------------------------------------------------ helpers

  private void closeOtherWindows() {
    for (String w : browser.driver().getWindowHandles()) {
      if (!w.equals(window)) browser.driver().switchTo().window(w).close();
    }
    browser.driver().switchTo().window(window);
  }

  /** A caller number of this test run's own, in E.164. */
  private static String caller() {
    return "+5198765" + String.format("%04d", ids.incrementAndGet());
  }

  private void openPhone(String query) {
    browser.open(crm.url("phone" + (query.isEmpty() ? "" : "?" + query)));
    phone.awaitState("idle", 5);
  }

  private static void webhook(TestCrm on, String json) {
    HttpResponse<String> r = on.http().post(HOOK).json(json).send();
    assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
    on.awaitInboxApplied();
  }

  /**
   * {@code from} calls in; {@code agent} is the extension whose phone rings (null: the route's).
   */
  private static String ringing(TestCrm on, String from, String agent) {
    String callId = "pbx-" + ids.incrementAndGet();
    started.computeIfAbsent(on, o -> ConcurrentHashMap.newKeySet()).add(callId);
    webhook(
        on,
        "{\"event\":\"ringing\",\"direction\":\"inbound\",\"callId\":\""
            + callId
            + "\",\"from\":\""
            + from
            + "\",\"to\":\""
            + DIALLED
            + "\""
            + (agent == null ? "" : ",\"agent\":\"" + agent + "\"")
            + ",\"eventId\":\""
            + callId
            + "-ringing\"}");
    return callId;
  }

  private static String ringing(String from) {
    return ringing(crm, from, "6001");
  }

  private static void answered(TestCrm on, String callId, String agent) {
    webhook(
        on, "{\"event\":\"answered\",\"callId\":\"" + callId + "\",\"agent\":\"" + agent + "\"}");
  }

  private static void hangup(TestCrm on, String callId, String cause) {
    webhook(on, "{\"event\":\"hangup\",\"callId\":\"" + callId + "\",\"cause\":\"" + cause + "\"}");
  }

  /** Dialbridge's id of the call the pop shows (its {@code call} property). */
  private String shownCallId(TestCrm on) {
    String id =
        browser.await(
            "a call in the pop",
            5,
            d -> browser.<String>script("return document.getElementById('phone').call?.id"));
    shown.put(id, on);
    return id;
  }

  private static JsonNode call(TestCrm on, String id) {
    return Http.json(on.http().get("dialbridge/api/calls/" + id).as("admin").send());
  }

  private static HttpResponse<String> choose(TestCrm on, String user, String id, String contactId) {
    return on.http()
        .method("PUT", "dialbridge/api/calls/" + id + "/contact")
        .browser(user)
        .json("{\"contactId\":\"" + contactId + "\"}")
        .send();
  }

  /** The {@code detail} of every {@code dialbridge:<type>} event so far. */
  private static List<Map<String, Object>> events(String type) {
    return browser.script(
        "return window.dialbridgeEvents.filter(e => e.type === arguments[0]).map(e => e.detail)",
        type);
  }

  /** The notifications the page showed: title, body and tag. */
  private static List<Map<String, Object>> notifications() {
    return browser.script(
        "return window.notifications.map(n => ({title: n.title, body: n.body, tag: n.tag}))");
  }
}

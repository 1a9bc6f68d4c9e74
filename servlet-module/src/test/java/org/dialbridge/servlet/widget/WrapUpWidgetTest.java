package org.dialbridge.servlet.widget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import mockwebserver3.MockWebServer;
import org.dialbridge.core.testing.TestConfig;
import org.dialbridge.servlet.testing.Browser;
import org.dialbridge.servlet.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The wrap-up form of {@code <click-to-call>} and the {@code <dialbridge-callbacks>} list in
 * headless Chromium, against the real wrap-up REST API (docs/wrap-up.md) with C3 faked on loopback:
 * the agent ends a call, records what it achieved, finds it again after a reload, and calls back
 * from the list. Each test uses its own contact and number; screenshots go to {@code
 * target/screenshots/}.
 */
class WrapUpWidgetTest {
  @RegisterExtension static final Browser browser = new Browser(900, 700);

  private static final String HOOK = "dialbridge/webhooks/c3/c3-hook-token";

  /** The catalog's defaults offered for an answered call, in its order (docs/wrap-up.md). */
  private static final List<String> ANSWERED =
      List.of("Connected", "Left live message", "Left voicemail", "Callback", "Wrong number");

  private static final MockWebServer c3Server = new MockWebServer();
  private static final FakeC3 c3 = new FakeC3();
  private static Map<String, String> settings;
  private static TestCrm crm;

  /** The C3 calls already ended: none outlives its test. */
  private static final Set<String> ended = ConcurrentHashMap.newKeySet();

  private final ClickToCallElement widget = new ClickToCallElement(browser, "call");
  private final WrapUpForm form = WrapUpForm.of(browser, "call");

  @BeforeAll
  static void start() throws Exception {
    c3Server.setDispatcher(c3);
    c3Server.start();
    settings =
        Map.copyOf(
            TestConfig.region("PE")
                .defaultProvider("c3")
                .set("dialbridge.dial.rate-limit", "1000/1m")
                .set("dialbridge.wrap-up.note-max-length", "200")
                .h2Store("wrap-up-widget")
                .provider("c3", "c3", c3Server.url("/").toString())
                .token("c3", "c3-api-token")
                .webhookToken("c3", "c3-hook-token")
                .agent("ana", "6001")
                .agent("bruno", "6002")
                .agent("carla", "6003")
                .properties());
    crm = TestCrm.start(settings);
  }

  @AfterAll
  static void stop() throws Exception {
    if (crm != null) crm.close();
    c3Server.close();
  }

  @BeforeEach
  void signIn() {
    JsonNode me = Http.json(crm.http().get("dialbridge/api/me").as("ana").send());
    Assumptions.assumeTrue(
        me.has("wrapUp"), "needs the wrap-up REST API (issue 16, server side): /me has no wrapUp");
    browser.open("about:blank");
    browser.open(crm.url("sign-in?user=ana&password=ana"));
    browser.script("sessionStorage.clear()"); // no dismissal from an earlier test
    crm.forgetApiRequests();
  }

  @AfterEach
  void endEveryCallAndWrapItUp() {
    browser.open("about:blank");
    for (String actionId : c3.placed())
      if (ended.add(actionId)) hangup(crm, actionId, "NORMAL_CLEARING");
    crm.awaitInboxApplied();
    WrapUps.settle(crm.http(), "ana", "bruno", "carla");
  }

  // ------------------------------------------------------------------ helpers

  private void openContact(String contact, String number, String query) {
    browser.open(contactUrl(crm, contact, number, query));
    widget.awaitState("idle", 5);
  }

  private static String contactUrl(TestCrm on, String contact, String number, String query) {
    return on.url(
        "contacts/"
            + contact
            + "?number="
            + URLEncoder.encode(number, StandardCharsets.UTF_8)
            + (query.isEmpty() ? "" : "&" + query));
  }

  private static String e164(String number) {
    return "+" + number.replaceAll("\\D", "");
  }

  /** The actionid C3 gave the one call placed to {@code e164}. */
  private static String placedAt(String e164) {
    List<FakeC3.Request> originates =
        browser.await(
            "an originate to " + e164,
            5,
            d -> c3.originatesTo(e164).isEmpty() ? null : c3.originatesTo(e164));
    assertThat(originates).hasSize(1);
    return originates.get(0).actionId();
  }

  private static void webhook(TestCrm on, String json) {
    HttpResponse<String> r = on.http().post(HOOK).json(json).send();
    assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
    on.awaitInboxApplied();
  }

  private static void answered(TestCrm on, String actionId) {
    webhook(on, "{\"event\":\"answered\",\"callId\":\"" + actionId + "\"}");
  }

  private static void hangup(TestCrm on, String actionId, String cause) {
    ended.add(actionId);
    webhook(
        on, "{\"event\":\"hangup\",\"callId\":\"" + actionId + "\",\"cause\":\"" + cause + "\"}");
  }

  /** Dialbridge's id of the last call the page placed, from its dialbridge:call-placed event. */
  private static String placedCallId() {
    return browser.await(
        "a dialbridge:call-placed event",
        5,
        d ->
            browser.<String>script(
                "return window.dialbridgeEvents.findLast(e => e.type === 'call-placed')?.detail.id"
                    + " ?? null"));
  }

  /** Places a call from the page's button, has C3 answer it, and ends it; returns its id. */
  private String talkAndHangUp(String number) {
    widget.callButton().click();
    widget.awaitState("dialing", 5);
    String actionId = placedAt(e164(number));
    String id = placedCallId();
    answered(crm, actionId);
    widget.awaitState("answered", 5);
    hangup(crm, actionId, "NORMAL_CLEARING");
    widget.awaitState("ended", 5);
    return id;
  }

  /** The call as the API shows it to ana. */
  private static JsonNode call(String id) {
    return call("ana", id);
  }

  private static JsonNode call(String user, String id) {
    return Http.json(crm.http().get("dialbridge/api/calls/" + id).as(user).send());
  }

  /** The {@code detail} of every {@code dialbridge:wrap-up-saved} event so far. */
  private static List<Map<String, Object>> savedEvents() {
    return browser.script(
        "return window.dialbridgeEvents.filter(e => e.type === 'wrap-up-saved').map(e =>"
            + " e.detail)");
  }

  /** A call placed through the API, answered and ended: it awaits its wrap-up. */
  private static String endedCallByScript(TestCrm on, String user, String contact, String number) {
    HttpResponse<String> placed =
        on.http()
            .post("dialbridge/api/calls")
            .browser(user)
            .json("{\"contactId\":\"" + contact + "\",\"number\":\"" + number + "\"}")
            .send();
    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
    String actionId = placedAt(e164(number));
    answered(on, actionId);
    hangup(on, actionId, "NORMAL_CLEARING");
    return Http.json(placed).get("id").asText();
  }

  /** The longest note as the form knows it: /me's, else the documented default. */
  private static String noteMaxLength() {
    JsonNode wrapUp = Http.json(crm.http().get("dialbridge/api/me").as("ana").send()).get("wrapUp");
    return wrapUp.path("noteMaxLength").asText("2000");
  }

  private static String iso(Instant at) {
    return at.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  // ------------------------------------------------------------------ the form after a call

  @Test
  void anEndedCallOpensTheFormWithWhatItsOutcomeCanBe() {
    openContact("wu-open", "+51 1 555 2101", "");

    talkAndHangUp("+51 1 555 2101");

    form.awaitOpen(5);
    assertThat(form.options()).isEqualTo(ANSWERED);
    assertThat(form.focused()).as("the focus moves into the form").isEqualTo("disposition");
    assertThat(form.title()).isEqualTo("Wrap-up of the call to …2101");
    assertThat(form.labelOf(form.dispositionField())).isEqualTo("Outcome");
    assertThat(form.labelOf(form.note())).isEqualTo("Note");
    assertThat(form.note().getDomProperty("maxLength")).isEqualTo(noteMaxLength());
    assertThat(form.callbackShown()).as("no callback time until one is asked for").isFalse();
    assertThat(form.saveButton().getText()).isEqualTo("Save");
    assertThat(form.dismissButton().getText()).isEqualTo("Dismiss");
    assertThat(widget.statusText())
        .as("the button still says how the call went")
        .startsWith("Call ended");

    form.choose("Callback");

    assertThat(form.callbackShown()).isTrue();
    assertThat(form.labelOf(form.callbackAt())).isEqualTo("Call back at");
    form.choose("Connected");
    assertThat(form.callbackShown()).isFalse();
    browser.screenshot("wrap-up-form");
  }

  @Test
  void aCallThatWasNotAnsweredOffersWhatFitsItsOutcome() {
    openContact("wu-busy", "+51 1 555 2102", "");
    widget.callButton().click();
    widget.awaitState("dialing", 5);

    hangup(crm, placedAt("+5115552102"), "USER_BUSY");

    widget.awaitState("ended", 5);
    form.awaitOpen(5);
    assertThat(form.options()).containsExactly("Callback", "No answer", "Busy");
  }

  @Test
  void aSaveFiresWrapUpSavedConfirmsAndASecondSaveEditsIt() {
    openContact("wu-save", "+51 1 555 2103", "");
    String id = talkAndHangUp("+51 1 555 2103");
    form.awaitOpen(5);
    LocalDateTime tomorrow =
        LocalDateTime.now().plusDays(1).withHour(15).truncatedTo(ChronoUnit.HOURS);

    form.choose("Callback");
    form.callbackAt(tomorrow);
    form.note().sendKeys("Wants the premium plan; call after lunch");
    form.saveButton().click();

    form.awaitStatus("Wrap-up saved.", 5);
    assertThat(form.open()).isFalse();
    assertThat(form.focused()).as("the focus goes back to the button").isEqualTo("call-button");
    assertThat(form.toggle().getText()).isEqualTo("Edit wrap-up");
    assertThat(form.state()).isEqualTo("saved");
    Instant at = tomorrow.atZone(ZoneId.systemDefault()).toInstant();
    assertThat(savedEvents())
        .singleElement()
        .satisfies(
            detail -> {
              assertThat(detail.get("callId")).isEqualTo(id);
              @SuppressWarnings("unchecked")
              Map<String, Object> wrapUp = (Map<String, Object>) detail.get("wrapUp");
              assertThat(wrapUp.get("disposition")).isEqualTo("callback");
              assertThat(wrapUp.get("note")).isEqualTo("Wants the premium plan; call after lunch");
              assertThat(Instant.parse((String) wrapUp.get("callbackAt"))).isEqualTo(at);
              assertThat(wrapUp.get("revision")).isEqualTo(1L);
            });
    browser.screenshot("wrap-up-saved");

    form.toggle().click();

    form.awaitOpen(5);
    assertThat(form.chosen()).isEqualTo("Callback");
    assertThat(form.note().getDomProperty("value"))
        .isEqualTo("Wants the premium plan; call after lunch");
    assertThat(form.callbackAt().getDomProperty("value")).isEqualTo(tomorrow.toString());
    form.note().sendKeys(" (not Fridays)");
    form.saveButton().click();
    browser.await("a second dialbridge:wrap-up-saved", 5, d -> savedEvents().size() == 2);
    JsonNode wrapUp = call(id).get("wrapUp");
    assertThat(wrapUp.get("revision").asInt()).isEqualTo(2);
    assertThat(wrapUp.get("note").asText())
        .isEqualTo("Wants the premium plan; call after lunch (not Fridays)");
    assertThat(Instant.parse(wrapUp.get("callbackAt").asText())).isEqualTo(at);
  }

  @Test
  void theFormWorksFromTheKeyboardAlone() {
    openContact("wu-keys", "+51 1 555 2104", "");
    Actions keys = new Actions(browser.driver());
    for (int tabs = 0; tabs < 4 && !"call-button".equals(widget.focused()); tabs++)
      keys.sendKeys(Keys.TAB).perform();
    keys.sendKeys(Keys.ENTER).perform();
    widget.awaitState("dialing", 5);
    String actionId = placedAt("+5115552104");
    String id = placedCallId();
    answered(crm, actionId);
    hangup(crm, actionId, "NORMAL_CLEARING");
    widget.awaitState("ended", 5);
    form.awaitOpen(5);
    form.options();
    assertThat(form.focused()).isEqualTo("disposition");

    keys.sendKeys(Keys.ARROW_DOWN).perform(); // the first outcome: Connected
    keys.sendKeys(Keys.TAB).perform();
    assertThat(form.focused()).as("Tab: the note (no callback time asked)").isEqualTo("note");
    keys.sendKeys("Happy with the order").perform();
    keys.sendKeys(Keys.TAB).perform();
    assertThat(form.focused()).isEqualTo("save-button");
    keys.sendKeys(Keys.ENTER).perform();

    form.awaitStatus("Wrap-up saved.", 5);
    assertThat(form.focused()).isEqualTo("call-button");
    JsonNode wrapUp = call(id).get("wrapUp");
    assertThat(wrapUp.get("disposition").asText()).isEqualTo("connected");
    assertThat(wrapUp.get("note").asText()).isEqualTo("Happy with the order");

    keys.sendKeys(Keys.TAB).perform();
    assertThat(form.focused())
        .as("Tab: the button that opens the form")
        .isEqualTo("wrap-up-button");
    keys.sendKeys(Keys.ENTER).perform();
    form.awaitOpen(5);
    assertThat(form.focused()).isEqualTo("disposition");
    keys.sendKeys(Keys.ESCAPE).perform();

    form.awaitClosed(5);
    assertThat(form.focused()).as("Escape: back to the button").isEqualTo("call-button");
    assertThat(call(id).get("wrapUp").get("revision").asInt())
        .as("Escape saves nothing")
        .isEqualTo(1);
  }

  @Test
  void aSpanishAgentReadsTheFormAndItsRefusalsInSpanish() {
    openContact("wu-es", "+51 1 555 2105", "lang=es");
    talkAndHangUp("+51 1 555 2105");
    form.awaitOpen(5);

    assertThat(form.options()).contains("Conectado", "Volver a llamar");
    assertThat(form.title()).isEqualTo("Tipificación de la llamada a …2105");
    assertThat(form.labelOf(form.dispositionField())).isEqualTo("Resultado");
    assertThat(form.labelOf(form.note())).isEqualTo("Nota");
    assertThat(form.saveButton().getText()).isEqualTo("Guardar");
    assertThat(form.dismissButton().getText()).isEqualTo("Descartar");
    form.choose("Volver a llamar");
    assertThat(form.labelOf(form.callbackAt())).isEqualTo("Volver a llamar el");

    form.saveButton().click();
    assertThat(form.awaitError(5)).isEqualTo("Elige cuándo volver a llamar.");
    assertThat(form.focused()).isEqualTo("callback-at");

    form.callbackAt(LocalDateTime.now().plusDays(2));
    form.noteByScript("x".repeat(250));
    form.saveButton().click();
    browser.await(
        "the server's note_too_long",
        5,
        d -> form.error().equals("La nota es demasiado larga: acórtala y guarda de nuevo."));
    assertThat(form.focused()).isEqualTo("note");

    form.noteByScript("Llamar el jueves");
    form.callbackAt(LocalDateTime.now().minusDays(1));
    form.saveButton().click();
    browser.await(
        "the server's callback_time_in_past",
        5,
        d -> form.error().equals("Esa hora ya pasó: elige una más tarde para volver a llamar."));

    form.callbackAt(LocalDateTime.now().plusDays(1));
    form.saveButton().click();
    form.awaitStatus("Tipificación guardada.", 5);
    assertThat(form.toggle().getText()).isEqualTo("Editar tipificación");
    browser.screenshot("wrap-up-es");
  }

  // ------------------------------------------------------------------ dismissing, reloading

  @Test
  void aDismissedWrapUpDoesNotReopenAfterAReload() {
    openContact("wu-dismiss", "+51 1 555 2106", "");
    String id = talkAndHangUp("+51 1 555 2106");
    form.awaitOpen(5);

    form.dismissButton().click();

    form.awaitClosed(5);
    assertThat(form.focused()).isEqualTo("call-button");
    assertThat(form.toggle().getText()).as("the agent may come back to it").isEqualTo("Wrap up");
    crm.forgetApiRequests();
    browser.driver().navigate().refresh();
    widget.awaitState("idle", 5);
    browser.await(
        "the page to ask for the pending wrap-up",
        5,
        d -> crm.api().stream().anyMatch(r -> r.path().endsWith("/me/wrap-up")));
    browser.await("the wrap-up button", 5, d -> form.present() && form.toggle().isDisplayed());
    assertThat(form.open()).as("dismissed in this tab: not reopened").isFalse();
    assertThat(call(id).get("wrapUp").isNull()).as("nothing saved").isTrue();
  }

  @Test
  void aReloadBeforeSavingReopensTheFormAndAnotherPageShowsItOnItsFirstButton() {
    openContact("wu-reload", "+51 1 555 2107", "");
    String id = talkAndHangUp("+51 1 555 2107");
    form.awaitOpen(5);
    form.choose("Left voicemail");

    browser.driver().navigate().refresh();

    form.awaitOpen(5);
    assertThat(form.title()).isEqualTo("Wrap-up of the call to …2107");
    assertThat(form.focused()).isEqualTo("disposition");
    assertThat(widget.state()).as("the button itself starts afresh").isEqualTo("idle");

    // another contact's page: no button of that call, so the first one shows its form
    openContact("wu-reload-other", "+51 1 555 2117", "second=%2B51%20987%20652%20117");
    form.awaitOpen(5);
    assertThat(form.title()).isEqualTo("Wrap-up of the call to …2107");
    assertThat(WrapUpForm.of(browser, "call2").present()).isFalse();
    form.choose("Left voicemail");
    form.saveButton().click();
    form.awaitStatus("Wrap-up saved.", 5);
    assertThat(call(id).get("wrapUp").get("disposition").asText()).isEqualTo("left-voicemail");
  }

  @Test
  void withTwoButtonsOnlyTheButtonOfTheCallShowsTheForm() {
    openContact("wu-two", "+51 1 555 2108", "second=%2B51%20987%20652%20108");
    ClickToCallElement mobile = new ClickToCallElement(browser, "call2");
    WrapUpForm mobileForm = WrapUpForm.of(browser, "call2");
    mobile.awaitState("idle", 5);

    mobile.callButton().click();
    mobile.awaitState("dialing", 5);
    String actionId = placedAt("+51987652108");
    answered(crm, actionId);
    mobile.awaitState("answered", 5);
    hangup(crm, actionId, "NORMAL_CLEARING");

    mobileForm.awaitOpen(5);
    assertThat(form.present()).as("the office number's button").isFalse();
  }

  @Test
  void notesDuringTheCallAreKeptForTheWrapUp() {
    openContact("wu-notes", "+51 1 555 2109", "");
    widget.callButton().click();
    widget.awaitState("dialing", 5);
    String actionId = placedAt("+5115552109");
    String id = placedCallId();
    assertThat(form.present()).as("nothing to note before the answer").isFalse();
    answered(crm, actionId);
    widget.awaitState("answered", 5);
    browser.await("the Notes button", 5, d -> form.present() && form.toggle().isDisplayed());
    assertThat(form.toggle().getText()).isEqualTo("Notes");
    assertThat(form.open()).isFalse();

    form.toggle().click();
    form.awaitOpen(5);
    form.note().sendKeys("Asked about delivery times");
    form.saveButton().click();

    form.awaitStatus("Note saved.", 5);
    assertThat(form.toggle().getText()).isEqualTo("Notes");
    JsonNode during = call(id).get("wrapUp");
    assertThat(during.get("disposition").isNull()).isTrue();
    assertThat(during.get("note").asText()).isEqualTo("Asked about delivery times");

    hangup(crm, actionId, "NORMAL_CLEARING");

    widget.awaitState("ended", 5);
    form.awaitOpen(5);
    assertThat(form.note().getDomProperty("value")).isEqualTo("Asked about delivery times");
    form.saveButton().click();
    assertThat(form.awaitError(5)).isEqualTo("Pick the outcome of the call.");
    form.choose("Connected");
    form.saveButton().click();
    form.awaitStatus("Wrap-up saved.", 5);
    assertThat(call(id).get("wrapUp").get("revision").asInt()).isEqualTo(2);
  }

  @Test
  void aCallThatEndsWhileTheAgentWritesItsNoteLeavesThemWhereTheyWere() throws Exception {
    openContact("wu-mid-note", "+51 1 555 2119", "");
    widget.callButton().click();
    widget.awaitState("dialing", 5);
    String actionId = placedAt("+5115552119");
    answered(crm, actionId);
    browser.await("the Notes button", 5, d -> form.present() && form.toggle().isDisplayed());
    form.toggle().click();
    form.awaitOpen(5);
    form.note().click();
    form.note().sendKeys("Asked for");

    hangup(crm, actionId, "NORMAL_CLEARING");
    widget.awaitState("ended", 5);
    Thread.sleep(300); // the form hears of the end a task after the button: nothing to see
    new Actions(browser.driver()).sendKeys(" a discount").perform();

    assertThat(form.focused()).isEqualTo("note");
    assertThat(form.note().getDomProperty("value")).isEqualTo("Asked for a discount");
    assertThat(form.open()).isTrue();
  }

  @Test
  void aProvidersRefusalStaysInSightAndTheFormStaysOpen() {
    openContact("wu-refused", "+51 1 555 2110", "");
    String id = talkAndHangUp("+51 1 555 2110");
    form.awaitOpen(5);
    // what a provider that keeps dispositions answers when it refuses one (uContact's
    // DispositionCall): the wrap-up is saved, its provider status says why it was not sent
    browser.script(
        "const fetch = window.fetch; window.fetch = async (url, init) => { const res = await"
            + " fetch(url, init); if (init?.method !== 'PUT' || !res.ok) return res; const call ="
            + " await res.json(); call.wrapUp.provider = { status: 'refused', message:"
            + " 'Disposición desconocida' }; return new Response(JSON.stringify(call), { status:"
            + " res.status, headers: res.headers }); };");

    form.choose("Connected");
    form.saveButton().click();

    String error = form.awaitError(5);
    assertThat(error)
        .startsWith("Saved, but ")
        .contains(" refused it: Disposición desconocida.")
        .endsWith("Save again to send it again.");
    assertThat(form.open()).as("saving again sends again").isTrue();
    assertThat(savedEvents()).hasSize(1);
    assertThat(call(id).get("wrapUp").get("disposition").asText()).isEqualTo("connected");
  }

  // ------------------------------------------------------------------ mandatory wrap-up

  @Test
  void aRequiredWrapUpCannotBeDismissedAndPlacingTheNextCallOpensIt() throws Exception {
    Map<String, String> required = new HashMap<>(settings);
    required.put("dialbridge.wrap-up.required", "true");
    required.put("dialbridge.store.jdbc-url", TestConfig.h2Url("wrap-up-required"));
    try (TestCrm strict = TestCrm.start(required)) {
      browser.open(strict.url("sign-in?user=ana&password=ana"));
      browser.open(contactUrl(strict, "wu-required", "+51 1 555 2111", ""));
      widget.awaitState("idle", 5);
      widget.callButton().click();
      widget.awaitState("dialing", 5);
      String actionId = placedAt("+5115552111");
      String id = placedCallId();
      answered(strict, actionId);
      hangup(strict, actionId, "NORMAL_CLEARING");
      widget.awaitState("ended", 5);
      form.awaitOpen(5);

      assertThat(form.dismissButton().isDisplayed()).isFalse();
      new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();
      assertThat(form.open()).as("Escape does not dismiss it").isTrue();

      // the next contact: the pending wrap-up comes back, and placing answers with it
      browser.open(contactUrl(strict, "wu-required-next", "+51 1 555 2112", ""));
      widget.awaitState("idle", 5);
      form.awaitOpen(5);
      browser.script("document.activeElement.blur()");
      widget.callButton().click();

      widget.awaitStatus("Wrap up your last call before you place the next one.", 5);
      assertThat(form.open()).isTrue();
      assertThat(form.focused()).isEqualTo("disposition");
      assertThat(form.title()).isEqualTo("Wrap-up of the call to …2111");
      assertThat(c3.originatesTo("+5115552112")).isEmpty();
      browser.screenshot("wrap-up-required");

      form.choose("Connected");
      form.saveButton().click();
      form.awaitStatus("Wrap-up saved.", 5);
      assertThat(
              Http.json(strict.http().get("dialbridge/api/calls/" + id).as("ana").send())
                  .get("wrapUp")
                  .get("disposition")
                  .asText())
          .isEqualTo("connected");
      widget.callButton().click();
      widget.awaitState("dialing", 5);
      hangup(strict, placedAt("+5115552112"), "NORMAL_CLEARING");
      widget.awaitState("ended", 5);
      WrapUps.settle(strict.http(), "ana");
    }
  }

  // ------------------------------------------------------------------ the callbacks list

  private static final String CALLBACKS = "callbacks";

  private static WebElement callbacks() {
    return browser.driver().findElement(By.id(CALLBACKS));
  }

  private static List<WebElement> rows() {
    return callbacks().getShadowRoot().findElements(By.cssSelector("li"));
  }

  private static WebElement row(String callId) {
    return callbacks()
        .getShadowRoot()
        .findElement(By.cssSelector("li[data-call-id='" + callId + "']"));
  }

  private static String part(WebElement row, String part) {
    return row.findElement(By.cssSelector("[part~=" + part + "]")).getText();
  }

  private static void awaitList(String state) {
    browser.await(
        "<dialbridge-callbacks data-state=" + state + ">",
        5,
        d -> state.equals(callbacks().getDomAttribute("data-state")));
  }

  @Test
  void theCallbacksListShowsDueOnesFirstAndACallbackPlacedFromItLinksTheCalls() throws Exception {
    // bruno's: ana's callbacks from the other tests would be in the list too
    browser.open(crm.url("sign-in?user=bruno&password=bruno"));
    String later = endedCallByScript(crm, "bruno", "wu-cb-later", "+51 1 555 2121");
    String soon = endedCallByScript(crm, "bruno", "wu-cb-soon", "+51 1 555 2122");
    Instant laterAt = Instant.now().plus(1, ChronoUnit.DAYS);
    assertThat(
            WrapUps.put(
                    crm.http(),
                    "bruno",
                    later,
                    "{\"disposition\":\"callback\",\"note\":\"Send the quote first\","
                        + "\"callbackAt\":\""
                        + iso(laterAt)
                        + "\"}")
                .statusCode())
        .isEqualTo(200);
    Instant soonAt = Instant.now().plusSeconds(2);
    assertThat(
            WrapUps.put(
                    crm.http(),
                    "bruno",
                    soon,
                    "{\"disposition\":\"callback\",\"callbackAt\":\"" + iso(soonAt) + "\"}")
                .statusCode())
        .isEqualTo(200);
    Thread.sleep(Math.max(0, soonAt.toEpochMilli() - System.currentTimeMillis() + 1200));

    browser.open(crm.url(CALLBACKS));
    awaitList("ready");

    assertThat(rows())
        .extracting(r -> r.getDomAttribute("data-call-id"))
        .containsExactly(soon, later);
    WebElement due = row(soon);
    assertThat(due.getDomAttribute("part")).isEqualTo("item due");
    assertThat(part(due, "due")).isEqualTo("Due");
    assertThat(part(due, "contact")).isEqualTo("Contact wu-cb-soon");
    assertThat(due.findElement(By.cssSelector("[part=contact]")).getDomAttribute("href"))
        .isEqualTo("/crm/contacts/wu-cb-soon");
    assertThat(part(due, "number")).isEqualTo("+5115552122");
    WebElement notDue = row(later);
    assertThat(notDue.getDomAttribute("part")).isEqualTo("item");
    assertThat(notDue.findElement(By.cssSelector("[part=due]")).isDisplayed()).isFalse();
    assertThat(part(notDue, "note")).isEqualTo("Send the quote first");
    assertThat(notDue.findElement(By.cssSelector("[part=time]")).getDomAttribute("datetime"))
        .isEqualTo(call("bruno", later).get("wrapUp").get("callbackAt").asText());
    assertThat(part(notDue, "time")).isNotBlank();
    browser.screenshot("callbacks");

    ClickToCallElement button =
        new ClickToCallElement(
            browser, () -> row(soon).findElement(By.cssSelector("click-to-call")));
    button.callButton().click();

    button.awaitState("dialing", 5);
    String callback = placedCallId();
    browser.await("the callback's originate", 5, d -> c3.originatesTo("+5115552122").size() == 2);
    String actionId = c3.originatesTo("+5115552122").get(1).actionId();
    assertThat(call("bruno", soon).get("wrapUp").get("followedUpBy").asText()).isEqualTo(callback);
    answered(crm, actionId);
    hangup(crm, actionId, "NORMAL_CLEARING");
    button.awaitState("ended", 5);
    WrapUpForm rowForm = new WrapUpForm(browser, button::host);
    rowForm.awaitOpen(5);
    assertThat(rowForm.title()).isEqualTo("Wrap-up of the call to …2122");
    rowForm.choose("Connected");
    rowForm.saveButton().click();
    rowForm.awaitStatus("Wrap-up saved.", 5);
    assertThat(rows()).as("the row stays while the agent reads it").hasSize(2);

    browser.driver().navigate().refresh();
    awaitList("ready");
    assertThat(rows()).extracting(r -> r.getDomAttribute("data-call-id")).containsExactly(later);
  }

  @Test
  void anAgentWithoutCallbacksReadsSoInSpanish() {
    browser.open(crm.url("sign-in?user=carla&password=carla"));

    browser.open(crm.url(CALLBACKS + "?lang=es"));

    awaitList("empty");
    assertThat(callbacks().getShadowRoot().findElement(By.cssSelector("[part~=message]")).getText())
        .isEqualTo("No tienes llamadas por devolver.");
    assertThat(rows()).isEmpty();
  }
}

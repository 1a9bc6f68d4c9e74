package org.dialbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dialbridge.core.Actor;
import org.dialbridge.core.spi.ContactMatch;
import org.dialbridge.demo.emulator.EmulatorSettings;
import org.dialbridge.demo.emulator.SentWebhook;
import org.dialbridge.servlet.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandbox's pages for inbound calls: "Ring me" on the contacts list, and "New contact". */
class DemoSandboxPagesTest {
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([0-9a-f]+)\"");

  private static DemoCrm demo;
  private Http browser;

  @BeforeAll
  static void start() {
    demo =
        DemoCrm.start(
            DemoOptions.defaults()
                .withPort(0)
                .withTiming(EmulatorSettings.Timing.fast())
                .withJdbcUrl(
                    "jdbc:h2:mem:demo-sandbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
  }

  @AfterAll
  static void stop() {
    if (demo != null) demo.close();
  }

  @BeforeEach
  void signIn() {
    browser = Http.withCookies(demo.baseUri());
    HttpResponse<String> signIn =
        browser
            .post("sign-in")
            .body("application/x-www-form-urlencoded", "user=ana&password=ana&next=%2Fcontacts")
            .send();
    assertThat(signIn.statusCode()).isEqualTo(302);
  }

  private static String csrf(String page) {
    Matcher m = CSRF.matcher(page);
    assertThat(m.find()).as("a CSRF field on the page").isTrue();
    return m.group(1);
  }

  private static Map<String, String> form(String... namesAndValues) {
    Map<String, String> form = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2)
      form.put(namesAndValues[i], namesAndValues[i + 1]);
    return form;
  }

  @Test
  void theContactsListOffersToRingFromAContactASharedAndAnUnknownNumber() {
    String page = browser.get("contacts").send().body();

    assertThat(page)
        .contains("<h2>Ring me</h2>")
        .contains("action=\"/sandbox/ring\"")
        .contains("value=\"+51 987 654 321\"")
        .contains("value=\"+51 1 555 1234\"")
        .contains("value=\"+51 1 555 7788\"")
        .contains("<option value=\"bandwidth\"")
        .contains("<option value=\"c3\"")
        .contains("<option value=\"caller-hangs-up\"");
  }

  @Test
  void ringMeMakesTheSignedInAgentsPhoneRingAndSaysSo() {
    String token = csrf(browser.get("contacts").send().body());
    int before = demo.dialbridge().missedCalls(Actor.user("ana")).size();

    HttpResponse<String> rang =
        browser
            .post("sandbox/ring")
            .form(
                form("csrf", token, "from", "+51 1 555 7788", "provider", "c3", "outcome", "busy"))
            .send();

    assertThat(rang.statusCode()).isEqualTo(302);
    assertThat(rang.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/contacts"));
    assertThat(browser.get("contacts").send().body())
        .contains("Your phone is ringing: a call from +5115557788 through c3 (busy)");
    assertThat(browser.get("contacts").send().body()).doesNotContain("Your phone is ringing");
    Await.until(
        Duration.ofSeconds(15),
        "the busy call in ana's missed calls",
        () -> demo.dialbridge().missedCalls(Actor.user("ana")).size() > before);
    List<SentWebhook> ringing =
        demo.emulator().sentWebhooks().stream()
            .filter(w -> w.body().contains("\"direction\":\"inbound\""))
            .toList();
    assertThat(ringing).isNotEmpty();
    assertThat(ringing.get(ringing.size() - 1).body()).contains("\"agent\":\"6001\"");
  }

  @Test
  void ringMeWithoutTheFormsTokenIsRefusedAndRingsNobody() throws InterruptedException {
    HttpResponse<String> refused =
        browser
            .post("sandbox/ring")
            .form(form("csrf", "forged", "from", "+51 987 654 321", "provider", "bandwidth"))
            .send();

    assertThat(refused.statusCode()).isEqualTo(403);
    Thread.sleep(300);
    assertThat(demo.emulator().sentWebhooks())
        .noneMatch(w -> w.body().contains("incomingcall") && w.body().contains("+51987654321"));
  }

  @Test
  void aNumberThatIsNoPhoneNumberRingsNobodyAndSaysWhy() {
    String token = csrf(browser.get("contacts").send().body());

    HttpResponse<String> rang =
        browser
            .post("sandbox/ring")
            .form(form("csrf", token, "number", "call me maybe", "provider", "bandwidth"))
            .send();

    assertThat(rang.statusCode()).isEqualTo(302);
    assertThat(browser.get("contacts").send().body())
        .contains("Nothing rang: from must be a phone number in international form");
  }

  @Test
  void createContactIsPrefilledWithTheCallersNumberAndTheNewContactMatchesIt() {
    HttpResponse<String> page = browser.get("contacts/new?phone=%2B5115557799").send();
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("name=\"phone\" required value=\"+5115557799\"");

    HttpResponse<String> created =
        browser
            .post("contacts/new")
            .form(
                form(
                    "csrf",
                    csrf(page.body()),
                    "name",
                    "Nuevo Cliente",
                    "company",
                    "Textiles <Sur>",
                    "phone",
                    "+5115557799"))
            .send();

    assertThat(created.statusCode()).isEqualTo(302);
    String location = created.headers().firstValue("Location").orElseThrow();
    String id = location.substring(location.lastIndexOf('/') + 1);
    assertThat(browser.get("contacts/" + id).send().body())
        .contains("Nuevo Cliente")
        .contains("Textiles &lt;Sur&gt;");
    assertThat(new DemoContactDirectory().matches("+5115557799"))
        .extracting(ContactMatch::id, ContactMatch::name, ContactMatch::url)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(id, "Nuevo Cliente", "/contacts/" + id));
  }

  @Test
  void aNewContactWithoutANameOrPhoneNumberIsAClearFormError() {
    String token = csrf(browser.get("contacts/new").send().body());

    HttpResponse<String> noName =
        browser.post("contacts/new").form(form("csrf", token, "phone", "+5115557700")).send();
    HttpResponse<String> noPhone =
        browser.post("contacts/new").form(form("csrf", token, "name", "X", "phone", "7700")).send();

    assertThat(noName.statusCode()).isEqualTo(400);
    assertThat(noName.body()).contains("The name is required").contains("value=\"+5115557700\"");
    assertThat(noPhone.statusCode()).isEqualTo(400);
    assertThat(noPhone.body()).contains("international form");
  }
}

package org.dialbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.dialbridge.core.Actor;
import org.dialbridge.demo.emulator.EmulatorSettings;
import org.dialbridge.servlet.testing.Browser;
import org.dialbridge.servlet.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Issue 17's "done when", in the demo as ana lives it: her phone rings from a contact's number
 * while she is on another page, the header's {@code <dialbridge-phone>} pops that contact, Open
 * takes her to the contact whose history shows the call as incoming; a call she missed waits in her
 * missed list until she calls back from it.
 */
class InboundPopBrowserTest {
  @RegisterExtension static final Browser browser = new Browser(1280, 1000);

  private static DemoCrm demo;

  @BeforeAll
  static void start() {
    if (!browser.available()) return;
    demo =
        DemoCrm.start(
            DemoOptions.defaults()
                .withPort(0)
                .withTiming(EmulatorSettings.Timing.fast())
                .withJdbcUrl("jdbc:h2:mem:demo-pop-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
  }

  @AfterAll
  static void stop() {
    if (demo != null) demo.close();
  }

  private static String url(String path) {
    return demo.baseUri().resolve(path).toString();
  }

  private static void ring(String from, String outcome) {
    HttpResponse<String> r =
        Http.to("POST", URI.create(demo.emulator().baseUri() + "/emulator/ring"))
            .json(
                "{\"provider\":\"bandwidth\",\"from\":\""
                    + from
                    + "\",\"to\":\"+19195551212\",\"outcome\":\""
                    + outcome
                    + "\"}")
            .send();
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }

  /** Signs ana in, unless an earlier test of the class did. */
  private static void signIn() {
    browser.open(url("sign-in"));
    if (!browser.driver().findElements(By.id("user")).isEmpty()) {
      browser.driver().findElement(By.id("user")).sendKeys("ana");
      browser.driver().findElement(By.id("password")).sendKeys("ana");
      browser.driver().findElement(By.id("sign-in")).click();
    }
    browser.open(url("contacts"));
    browser.await("the contacts", 10, ExpectedConditions.urlContains("/contacts"));
  }

  private static SearchContext phone() {
    return browser.driver().findElement(By.tagName("dialbridge-phone")).getShadowRoot();
  }

  private static String part(String part) {
    List<WebElement> found = phone().findElements(By.cssSelector("[part=" + part + "]"));
    return found.isEmpty() ? "" : found.get(0).getText();
  }

  @Test
  void anasPagePopsTheContactWhoseNumberRingsHerAndTheirHistoryShowsTheCallAsIncoming() {
    signIn();
    browser.open(url("contacts/3")); // another contact's page: the pop is on every page
    browser.await(
        "the phone listening",
        10,
        d ->
            "idle"
                .equals(
                    d.findElement(By.tagName("dialbridge-phone")).getDomAttribute("data-state")));

    long rang = System.nanoTime();
    ring("+51 987 654 321", "answered");
    browser.await("Lucía's name in the pop", 5, d -> part("contact").contains("Lucía Fernández"));
    long popMillis = (System.nanoTime() - rang) / 1_000_000;
    System.out.println("issue 17 done-when: ring to pop " + popMillis + " ms");
    browser.screenshot("demo-inbound-pop");

    phone().findElement(By.cssSelector("[part=open]")).click();
    browser.await("Lucía's page", 10, ExpectedConditions.urlContains("/contacts/1"));
    WebElement incoming =
        browser.await(
            "the call in her history, as incoming",
            15,
            d ->
                d.findElements(By.cssSelector("#history li[data-direction=INBOUND]")).stream()
                    .findFirst()
                    .orElse(null));
    assertThat(incoming.getText()).contains("Incoming").contains("+51 987 654 321");
  }

  @Test
  void aCallAnaMissedWaitsInHerMissedListUntilSheCallsBack() {
    signIn();
    Actor ana = Actor.user("ana");
    int before = demo.dialbridge().missedCalls(ana).size();

    ring("+51 987 654 321", "no-answer");
    browser.await(
        "the missed call", 20, d -> demo.dialbridge().missedCalls(ana).size() == before + 1);
    String missed = demo.dialbridge().missedCalls(ana).get(0).call().id();

    browser.open(url("contacts"));
    WebElement item =
        browser.await(
            "the missed call listed",
            10,
            d ->
                d.findElements(By.cssSelector("#missed li.missed-call")).stream()
                    .filter(li -> li.getText().contains("Lucía Fernández"))
                    .findFirst()
                    .orElse(null));
    browser.script("arguments[0].scrollIntoView()", item);
    WebElement callBack = item.findElement(By.tagName("click-to-call"));
    assertThat(callBack.getDomAttribute("follows-up")).isEqualTo(missed);
    callBack.getShadowRoot().findElement(By.cssSelector("button")).click();

    browser.await(
        "the missed call called back",
        15,
        d ->
            demo.dialbridge().missedCalls(ana).stream()
                .noneMatch(m -> m.call().id().equals(missed)));
  }
}

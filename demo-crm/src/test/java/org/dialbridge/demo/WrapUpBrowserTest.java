package org.dialbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
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
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 16's "done when", in the demo as an agent does it: a call ends, the agent picks "Callback"
 * with a time and a note in the button's wrap-up form, sees it in the contact's history and, after
 * a reload, in their callbacks list, and calls back from there: the new call follows the old one
 * up.
 */
class WrapUpBrowserTest {
  /** Answered calls talk for ~1 s: the form opens once the emulator hangs up. */
  private static final EmulatorSettings.Timing TIMING =
      EmulatorSettings.Timing.fast().withTalkTime(Duration.ofMillis(800), Duration.ofMillis(1200));

  @RegisterExtension static final Browser browser = new Browser(1280, 900);

  private static DemoCrm demo;

  @BeforeAll
  static void start() {
    if (!browser.available()) return;
    demo =
        DemoCrm.start(
            DemoOptions.defaults()
                .withPort(0)
                .withTiming(TIMING)
                .withJdbcUrl(
                    "jdbc:h2:mem:demo-wrap-up-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
  }

  @AfterAll
  static void stop() {
    if (demo != null) demo.close();
  }

  private static String url(String path) {
    return demo.baseUri().resolve(path).toString();
  }

  private static SearchContext button() {
    return browser.driver().findElement(By.id("call-main")).getShadowRoot();
  }

  private static String state() {
    return browser.driver().findElement(By.id("call-main")).getDomAttribute("data-state");
  }

  private static WebElement part(SearchContext root, String part) {
    return root.findElement(By.cssSelector("[part=" + part + "]"));
  }

  private static JsonNode call(String id) {
    return Http.json(
        Http.withCookies(demo.baseUri())
            .get("dialbridge/api/calls/" + id)
            .headers("Authorization", Http.basic("ana", "ana"))
            .send());
  }

  @Test
  void anAgentEndsACallPicksCallbackAndFindsItInTheHistoryAndTheirCallbacks() {
    browser.open(url("sign-in"));
    browser.driver().findElement(By.id("user")).sendKeys("ana");
    browser.driver().findElement(By.id("password")).sendKeys("ana");
    browser.driver().findElement(By.id("sign-in")).click();
    browser.await("the contacts", 10, ExpectedConditions.urlContains("/contacts"));
    browser.open(url("contacts/3"));
    browser.await("the button", 30, d -> "idle".equals(state()));
    browser.script(
        "document.getElementById('call-main').addEventListener('dialbridge:call-placed', e =>"
            + " window.demoCall = e.detail.id)");

    part(button(), "call-button").click();

    browser.await("the call to end", 15, d -> "ended".equals(state()));
    String callId = browser.script("return window.demoCall");
    browser.await("the wrap-up form", 5, d -> part(button(), "wrap-up-form").isDisplayed());
    Select disposition = new Select(part(button(), "disposition"));
    browser.await("the dispositions", 5, d -> disposition.getOptions().size() > 1);
    disposition.selectByVisibleText("Callback");
    LocalDateTime at = LocalDateTime.now().plusDays(1).withHour(10).truncatedTo(ChronoUnit.HOURS);
    browser.script(
        "arguments[0].value = arguments[1]", part(button(), "callback-at"), at.toString());
    part(button(), "note").sendKeys("Wants the premium plan; call after lunch");
    browser.screenshot("demo-wrap-up-form");
    part(button(), "save-button").click();

    browser.await(
        "the confirmation",
        5,
        d -> part(button(), "wrap-up-status").getText().equals("Wrap-up saved."));
    Instant callbackAt = at.atZone(ZoneId.systemDefault()).toInstant();
    JsonNode wrapUp = call(callId).get("wrapUp");
    assertThat(wrapUp.get("disposition").asText()).isEqualTo("callback");
    assertThat(Instant.parse(wrapUp.get("callbackAt").asText())).isEqualTo(callbackAt);
    By entry = By.cssSelector("#history li[data-call-id='" + callId + "'] .wrap-up");
    WebElement shown = browser.await("the wrap-up in the history", 10, d -> d.findElement(entry));
    assertThat(shown.findElement(By.cssSelector(".disposition")).getText()).isEqualTo("Callback");
    assertThat(shown.findElement(By.cssSelector(".callback")).getText()).startsWith("call back ");
    assertThat(shown.findElement(By.cssSelector(".note")).getText())
        .isEqualTo("Wants the premium plan; call after lunch");
    browser.screenshot("demo-wrap-up-history");

    browser.driver().navigate().refresh();

    WebElement again = browser.await("the history after a reload", 10, d -> d.findElement(entry));
    assertThat(again.findElement(By.cssSelector(".disposition")).getText()).isEqualTo("Callback");
    assertThat(button().findElements(By.cssSelector("[part=wrap-up-form]")))
        .as("saved: no form after the reload")
        .noneMatch(WebElement::isDisplayed);

    browser.driver().findElement(By.linkText("Callbacks")).click();
    browser.await("the callbacks page", 10, ExpectedConditions.urlContains("/callbacks"));
    WebElement list = browser.driver().findElement(By.id("callbacks"));
    browser.await("the list", 10, d -> "ready".equals(list.getDomAttribute("data-state")));
    List<WebElement> rows = list.getShadowRoot().findElements(By.cssSelector("li"));
    assertThat(rows).extracting(r -> r.getDomAttribute("data-call-id")).containsExactly(callId);
    WebElement row = rows.get(0);
    WebElement contact = row.findElement(By.cssSelector("[part=contact]"));
    assertThat(contact.getText()).isEqualTo("Rosa Huamán");
    assertThat(contact.getDomAttribute("href")).isEqualTo("/contacts/3");
    assertThat(row.findElement(By.cssSelector("[part=note]")).getText())
        .isEqualTo("Wants the premium plan; call after lunch");
    assertThat(row.findElement(By.cssSelector("[part=time]")).getDomAttribute("datetime"))
        .isEqualTo(wrapUp.get("callbackAt").asText());
    assertThat(row.findElement(By.cssSelector("[part=due]")).isDisplayed()).isFalse();
    browser.screenshot("demo-callbacks");

    WebElement callBack = row.findElement(By.cssSelector("click-to-call"));
    browser.script(
        "arguments[0].addEventListener('dialbridge:call-placed', e => window.demoCallback ="
            + " e.detail.id)",
        callBack);
    part(callBack.getShadowRoot(), "call-button").click();

    String callback =
        browser.await("the callback placed", 10, d -> browser.script("return window.demoCallback"));
    assertThat(call(callId).get("wrapUp").get("followedUpBy").asText()).isEqualTo(callback);
    assertThat(call(callback).get("contactId").asText()).isEqualTo("3");
    browser.await(
        "the callback to end", 15, d -> "ended".equals(callBack.getDomAttribute("data-state")));
    browser.driver().navigate().refresh();
    WebElement reloaded = browser.driver().findElement(By.id("callbacks"));
    browser.await(
        "the list again", 10, d -> "empty".equals(reloaded.getDomAttribute("data-state")));
    assertThat(reloaded.getShadowRoot().findElement(By.cssSelector("[part~=message]")).getText())
        .isEqualTo("No callbacks to make.");
  }
}

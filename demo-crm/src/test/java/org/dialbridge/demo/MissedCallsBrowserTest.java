package org.dialbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.dialbridge.core.Actor;
import org.dialbridge.demo.emulator.EmulatorSettings;
import org.dialbridge.servlet.testing.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 17 in the demo as a person does it: "Ring me" from an unknown number and from the shared
 * office line, nobody answers, and both wait in "Your missed calls" with what is known of the
 * caller (Create contact, or the two contacts) until marked done.
 */
class MissedCallsBrowserTest {
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
                .withJdbcUrl(
                    "jdbc:h2:mem:demo-missed-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
  }

  @AfterAll
  static void stop() {
    if (demo != null) demo.close();
  }

  private static String url(String path) {
    return demo.baseUri().resolve(path).toString();
  }

  private static void ringMe(String from, String provider) {
    WebElement form = browser.driver().findElement(By.cssSelector("#ring-me form"));
    form.findElement(By.cssSelector("input[name=from][value='" + from + "']")).click();
    new Select(form.findElement(By.name("provider"))).selectByValue(provider);
    new Select(form.findElement(By.name("outcome"))).selectByValue("no-answer");
    form.findElement(By.cssSelector("button[type=submit]")).click();
    browser.await(
        "the notice",
        10,
        d ->
            d.findElement(By.cssSelector(".notice")).getText().startsWith("Your phone is ringing"));
    // the header's <dialbridge-phone> pops the ring over the page; Escape lets the agent back to it
    WebElement phone = browser.driver().findElement(By.tagName("dialbridge-phone"));
    browser.await("the phone's pop", 10, d -> !"idle".equals(phone.getDomAttribute("data-state")));
    new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();
    browser.await("the pop gone", 5, d -> "idle".equals(phone.getDomAttribute("data-state")));
  }

  private static List<WebElement> missedShown(int count) {
    return browser.await(
        count + " missed calls listed",
        15,
        d -> {
          List<WebElement> items = d.findElements(By.cssSelector("#missed li.missed-call"));
          if (items.size() == count) return items;
          d.findElement(By.id("missed-refresh")).click();
          return null;
        });
  }

  @Test
  void unansweredRingsWaitInTheMissedListWithWhatIsKnownOfTheCallerUntilDone() {
    browser.open(url("sign-in"));
    browser.driver().findElement(By.id("user")).sendKeys("ana");
    browser.driver().findElement(By.id("password")).sendKeys("ana");
    browser.driver().findElement(By.id("sign-in")).click();
    browser.await("the contacts", 10, ExpectedConditions.urlContains("/contacts"));
    browser.await(
        "the empty list",
        10,
        d -> d.findElement(By.id("missed-status")).getText().equals("No missed calls."));

    ringMe("+51 1 555 7788", "c3");
    missedShown(1);
    ringMe("+51 1 555 1234", "bandwidth");
    List<WebElement> items = missedShown(2);

    // newest first: the shared line, then the unknown number
    assertThat(items.get(0).getText()).contains("+5115551234").contains("one of");
    assertThat(items.get(0).findElements(By.tagName("a")))
        .extracting(a -> a.getText() + " " + a.getDomAttribute("href"))
        .containsExactlyInAnyOrder("Lucía Fernández /contacts/1", "Jorge Quispe /contacts/2");
    WebElement create = items.get(1).findElement(By.linkText("Create contact"));
    assertThat(create.getDomAttribute("href")).isEqualTo("/contacts/new?phone=%2B5115557788");
    assertThat(items.get(1).findElement(By.tagName("click-to-call")).getDomAttribute("follows-up"))
        .isNotBlank();
    browser.script("document.getElementById('missed-calls').scrollIntoView()");
    browser.screenshot("demo-missed-calls");

    items.get(0).findElement(By.xpath(".//button[text()='Done']")).click();

    browser.await(
        "the done call gone",
        10,
        d -> d.findElements(By.cssSelector("#missed li.missed-call")).size() == 1);
    assertThat(demo.dialbridge().missedCalls(Actor.user("ana"))).hasSize(1);
    browser.driver().findElement(By.linkText("Create contact")).click();
    browser.await("the new contact page", 10, ExpectedConditions.urlContains("/contacts/new"));
    assertThat(browser.driver().findElement(By.name("phone")).getDomProperty("value"))
        .isEqualTo("+5115557788");
  }
}

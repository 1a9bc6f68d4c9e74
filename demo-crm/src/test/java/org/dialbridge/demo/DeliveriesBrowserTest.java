package org.dialbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.dialbridge.demo.emulator.EmulatorSettings;
import org.dialbridge.servlet.testing.Browser;
import org.dialbridge.servlet.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Issue 19's "done when" for the delivery log, in the demo: the administrator has the Deliveries
 * page open when a webhook with a wrong token arrives; it is there within a second (the page reads
 * twice a second), with the reason in words. Agents have no such page.
 */
class DeliveriesBrowserTest {
  @RegisterExtension static final Browser browser = new Browser(1280, 900);

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
                    "jdbc:h2:mem:demo-deliveries-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
  }

  @AfterAll
  static void stop() {
    if (demo != null) demo.close();
  }

  private static String url(String path) {
    return demo.baseUri().resolve(path).toString();
  }

  private static void signIn(String user) {
    browser.open(url("sign-in"));
    browser.driver().manage().deleteAllCookies();
    browser.open(url("sign-in"));
    browser.driver().findElement(By.id("user")).sendKeys(user);
    browser.driver().findElement(By.id("password")).sendKeys(user);
    browser.driver().findElement(By.id("sign-in")).click();
    browser.await("signed in", 10, ExpectedConditions.urlContains("/contacts"));
  }

  @Test
  void aDeliveryRefusedForAWrongTokenIsOnTheAdminsPageWithinASecondWithItsReason() {
    signIn("admin");
    browser.driver().findElement(By.linkText("Deliveries")).click();
    browser.await("the deliveries page", 10, ExpectedConditions.urlContains("/deliveries"));
    browser.await(
        "the first read",
        10,
        d -> !d.findElement(By.id("deliveries-status")).getText().equals("Loading…"));

    HttpResponse<String> refused =
        Http.to("POST", demo.baseUri().resolve("dialbridge/webhooks/c3/not-the-token"))
            .json("{\"event\":\"answered\",\"callId\":\"x-1\"}")
            .send();
    assertThat(refused.statusCode()).isEqualTo(401);
    long sent = System.nanoTime();

    WebElement row =
        browser.await(
            "the refused delivery",
            5,
            d ->
                d
                    .findElements(
                        By.cssSelector("#deliveries tr[data-reason=webhook_unauthenticated]"))
                    .stream()
                    .findFirst()
                    .orElse(null));
    System.out.println(
        "issue 19 done-when: refusal to admin page "
            + (System.nanoTime() - sent) / 1_000_000
            + " ms");
    assertThat(row.getText())
        .contains("c3")
        .contains("401")
        .contains("refused: the credentials are wrong or missing")
        .contains("wrong token")
        .doesNotContain("not-the-token");
    browser.screenshot("demo-deliveries");
  }

  @Test
  void anAgentHasNoDeliveriesPage() {
    signIn("bruno");
    assertThat(browser.driver().findElements(By.linkText("Deliveries"))).isEmpty();
    browser.open(url("deliveries"));
    assertThat(browser.driver().findElement(By.tagName("main")).getText())
        .contains("Only an administrator");
  }
}

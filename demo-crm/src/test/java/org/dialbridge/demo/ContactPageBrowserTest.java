package org.dialbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.demo.emulator.EmulatorSettings;
import org.dialbridge.servlet.testing.Browser;
import org.dialbridge.servlet.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * End to end, as an agent does it: sign in through the form, open a contact, pick the provider,
 * press Call, watch the button go dialing → answered → ended, find the call in the contact's
 * history, and check that Dialbridge stored exactly the webhooks the emulator sent.
 */
class ContactPageBrowserTest {
  /** Answered calls talk for ~2 s, long enough to see (and photograph) the call in progress. */
  private static final EmulatorSettings.Timing TIMING =
      EmulatorSettings.Timing.fast().withTalkTime(Duration.ofMillis(2000), Duration.ofMillis(2500));

  private static final Path SCREENSHOTS =
      Path.of(System.getProperty("dialbridge.screenshots", "target/screenshots"));

  /** Follows the button's {@code data-state} and the widget's events, however fast they change. */
  private static final String RECORD =
      """
      const el = document.getElementById('call-main');
      window.demoStates = [el.dataset.state];
      new MutationObserver(records => records.forEach((r, i) => {
        const now = i + 1 < records.length ? records[i + 1].oldValue : el.dataset.state;
        if (window.demoStates[window.demoStates.length - 1] !== now) window.demoStates.push(now);
      })).observe(el,
          { attributes: true, attributeFilter: ['data-state'], attributeOldValue: true });
      el.addEventListener('dialbridge:call-placed', e => window.demoCall = e.detail.id);
      """;

  @RegisterExtension static final Browser browser = new Browser(1280, 900);

  private static DemoCrm demo;

  @BeforeAll
  static void start() throws IOException {
    // without a browser every test is skipped (or, on CI, the class fails): no demo to start
    if (!browser.available()) return;
    demo =
        DemoCrm.start(
            DemoOptions.defaults()
                .withPort(0)
                .withTiming(TIMING)
                .withJdbcUrl(
                    "jdbc:h2:mem:demo-browser-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
    // an earlier call, so that the history has something besides the call under test
    int mark = StoredEvents.mark(demo);
    HttpResponse<String> earlier =
        Http.withCookies(demo.baseUri())
            .post("dialbridge/api/calls")
            .body(
                "application/json",
                "{\"contactId\":\"1\",\"number\":\"+51 987 654 321\",\"provider\":\"bandwidth\"}")
            .headers("Authorization", Http.basic("bruno", "bruno"), "X-Dialbridge-Request", "1")
            .send();
    assertThat(earlier.statusCode()).as(earlier.body()).isEqualTo(201);
    JsonNode call = Http.json(earlier);
    StoredEvents.assertMatchSentWebhooks(demo, "bandwidth", List.of(call.get("id").asText()), mark);
  }

  @AfterAll
  static void stop() {
    if (demo != null) demo.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "c3, 1, C3",
    "bemmelhor, 8, BemMelhor",
    "bandwidth, 15, Bandwidth",
    "bandwidth-v2, 15, Bandwidth v2",
    "ucontact, 3, uContact"
  })
  void agentCallsAContactAndFindsTheCallInItsHistory(
      String provider, String contactId, String providerName) throws IOException {
    WebDriver driver = browser.driver();
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10), Duration.ofMillis(20));
    JavascriptExecutor js = (JavascriptExecutor) driver;
    int mark = StoredEvents.mark(demo);

    // signed out, the contact's page sends the agent to the sign-in form, and back after it
    driver.manage().deleteAllCookies();
    driver.get(demo.baseUri().resolve("contacts/" + contactId).toString());
    wait.until(ExpectedConditions.urlContains("/sign-in?next="));
    driver.findElement(By.id("user")).sendKeys("ana");
    driver.findElement(By.id("password")).sendKeys("ana");
    driver.findElement(By.id("sign-in")).click();
    wait.until(
        ExpectedConditions.urlToBe(demo.baseUri().resolve("contacts/" + contactId).toString()));

    WebElement selector =
        wait.until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#provider[data-ready=true]")));
    new Select(selector).selectByValue(provider);
    WebElement button = driver.findElement(By.id("call-main"));
    assertThat(button.getDomAttribute("provider")).isEqualTo(provider);
    assertThat(button.getDomAttribute("data-state")).isEqualTo("idle");

    js.executeScript(RECORD);
    button.getShadowRoot().findElement(By.cssSelector("[part=call-button]")).click();

    wait.until(d -> "answered".equals(button.getDomAttribute("data-state")));
    String callId = (String) js.executeScript("return window.demoCall");
    assertThat(callId).isNotBlank();
    By liveEntry =
        By.cssSelector("#history li[data-call-id='" + callId + "'][data-status=ANSWERED]");
    wait.until(ExpectedConditions.presenceOfElementLocated(liveEntry));
    screenshot(driver, provider);

    new WebDriverWait(driver, Duration.ofSeconds(15), Duration.ofMillis(20))
        .until(d -> "ended".equals(button.getDomAttribute("data-state")));
    @SuppressWarnings("unchecked")
    List<String> states = (List<String>) js.executeScript("return window.demoStates");
    assertThat(states)
        .containsSubsequence("idle", "placing", "dialing", "answered", "ended")
        .doesNotContain("error");
    assertThat(button.getShadowRoot().findElement(By.cssSelector("[part=status]")).getText())
        .startsWith("Call ended (00:0");

    WebElement entry =
        wait.until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(
                    "#history li[data-call-id='" + callId + "'][data-status=COMPLETED]")));
    Call call = demo.dialbridge().call(callId);
    // the history speaks words, not provider: the outcome, the provider's and the agent's names
    JsonNode json =
        Http.json(
            Http.withCookies(demo.baseUri())
                .get("dialbridge/api/calls/" + callId)
                .headers("Authorization", Http.basic("ana", "ana"))
                .send());
    String agent = json.hasNonNull("agentName") ? json.get("agentName").asText() : "ana";
    String line =
        entry.findElement(By.cssSelector(".call-line")).getText()
            + " "
            + entry.findElement(By.cssSelector(".call-meta")).getText();
    assertThat(line)
        .contains("Completed")
        .contains("via " + providerName)
        .contains("by " + agent)
        .contains("talked 0:0")
        .contains("hung up normally");
    if (call.rawCause() != null) {
      assertThat(line).doesNotContain(call.rawCause());
      entry.findElement(By.tagName("summary")).click();
      wait.until(
          d -> entry.findElement(By.cssSelector("details")).getText().contains(call.rawCause()));
    }

    assertThat(call.status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(call.provider()).isEqualTo(provider);
    assertThat(call.contactId()).isEqualTo(contactId);
    assertThat(call.agent()).isEqualTo("ana");
    assertThat(call.to()).isEqualTo(DemoContacts.byId(contactId).orElseThrow().mainPhone().e164());
    StoredEvents.assertMatchSentWebhooks(demo, provider, List.of(callId), mark);
  }

  @org.junit.jupiter.api.Test
  void aLongErrorWrapsInTheCallBoxInsteadOfSqueezingTheContact() {
    WebDriver driver = browser.driver();
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10), Duration.ofMillis(20));
    JavascriptExecutor js = (JavascriptExecutor) driver;
    driver.get(demo.baseUri().resolve("sign-in").toString());
    if (!driver.getCurrentUrl().endsWith("/contacts")) {
      driver.findElement(By.id("user")).sendKeys("ana");
      driver.findElement(By.id("password")).sendKeys("ana");
      driver.findElement(By.id("sign-in")).click();
      // the click returns before the session cookie is set: opening the page now could land on the
      // sign-in form
      wait.until(ExpectedConditions.urlContains("/contacts"));
    }
    driver.get(demo.baseUri().resolve("contacts/2").toString());
    // the first render waits for /me and /me/call: on a loaded machine that can take more than 10 s
    WebElement button =
        new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(20))
            .until(
                ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#call-main[data-state=idle]")));
    WebElement identity = driver.findElement(By.cssSelector(".contact-head .identity"));
    int before = identity.getSize().getWidth();

    // a number the dial policy refuses, in the language with the longest sentences
    js.executeScript(
        "arguments[0].setAttribute('lang', 'pt-BR'); arguments[0].setAttribute('number', 'not a"
            + " number 0000000000');",
        button);
    button.getShadowRoot().findElement(By.cssSelector("[part=call-button]")).click();

    wait.until(d -> "error".equals(button.getDomAttribute("data-state")));
    assertThat(button.getShadowRoot().findElement(By.cssSelector("[part=status]")).getText())
        .hasSizeGreaterThan(40);
    assertThat(identity.getSize().getWidth())
        .as("the contact's column keeps its width")
        .isEqualTo(before);
  }

  private static void screenshot(WebDriver driver, String provider) throws IOException {
    byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
    Files.createDirectories(SCREENSHOTS);
    Files.write(SCREENSHOTS.resolve("contact-page-" + provider + ".png"), png);
    // the README's picture: the default provider's call in progress
    if (provider.equals("c3")) Files.write(SCREENSHOTS.resolve("contact-page-call.png"), png);
  }
}

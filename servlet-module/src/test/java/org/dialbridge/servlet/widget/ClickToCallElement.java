package org.dialbridge.servlet.widget;

import java.util.function.Predicate;
import java.util.function.Supplier;
import org.dialbridge.servlet.testing.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;

/**
 * One {@code <click-to-call>} on the page, read the way an agent sees it: its {@code data-state},
 * the words of its status, its two buttons. Elements are looked up afresh on every read, so the
 * object outlives a reload.
 */
final class ClickToCallElement {
  private final Browser browser;
  private final Supplier<WebElement> host;

  /** The {@code <click-to-call id=id>} of the page. */
  ClickToCallElement(Browser browser, String id) {
    this(browser, () -> browser.driver().findElement(By.id(id)));
  }

  /** The element {@code host} finds, e.g. one inside another element's shadow root. */
  ClickToCallElement(Browser browser, Supplier<WebElement> host) {
    this.browser = browser;
    this.host = host;
  }

  WebElement host() {
    return host.get();
  }

  private SearchContext shadow() {
    return host().getShadowRoot();
  }

  String state() {
    return host().getDomAttribute("data-state");
  }

  WebElement callButton() {
    return shadow().findElement(By.cssSelector("[part=call-button]"));
  }

  WebElement hangUpButton() {
    return shadow().findElement(By.cssSelector("[part=hangup-button]"));
  }

  WebElement status() {
    return shadow().findElement(By.cssSelector("[part=status]"));
  }

  /**
   * Whether a press of the call button would place a call ({@code aria-disabled} keeps it
   * focusable).
   */
  boolean callable() {
    return !"true".equals(callButton().getDomAttribute("aria-disabled"));
  }

  /** The status's colour as the agent sees it, e.g. {@code rgb(89, 89, 89)}. */
  String statusColour() {
    return browser.script("return getComputedStyle(arguments[0]).color", status());
  }

  /** The sign drawn before the status ({@code none} when there is none). */
  String statusSign() {
    return browser.script("return getComputedStyle(arguments[0], '::before').content", status());
  }

  /** The status as rendered (what the agent reads). */
  String statusText() {
    return status().getText();
  }

  /** The running clock of an answered call, e.g. {@code 00:03}. */
  String timer() {
    return shadow().findElement(By.cssSelector("[part=status] [role=timer]")).getText();
  }

  /** The {@code part} of the button that has the keyboard focus, or what else has it. */
  String focused() {
    return browser.script(
        "const a = document.activeElement;return a === arguments[0] ?"
            + " a.shadowRoot.activeElement?.getAttribute('part') ?? 'host' : a?.localName;",
        host());
  }

  /** Waits for {@code data-state} to become {@code expected}; the failure says where it stopped. */
  ClickToCallElement awaitState(String expected, double seconds) {
    try {
      browser.await("data-state=" + expected, seconds, d -> expected.equals(state()));
    } catch (TimeoutException e) {
      throw new AssertionError(
          "expected data-state="
              + expected
              + " within "
              + seconds
              + " s, but it is "
              + state()
              + " showing \""
              + statusText()
              + "\"",
          e);
    }
    return this;
  }

  /** Waits for the status to read as {@code expected} describes, and returns it. */
  String awaitStatus(String description, Predicate<String> expected, double seconds) {
    try {
      return browser.await(
          description,
          seconds,
          d -> {
            String text = statusText();
            return expected.test(text) ? text : null;
          });
    } catch (TimeoutException e) {
      throw new AssertionError(
          "expected the status to be "
              + description
              + ", but it reads \""
              + statusText()
              + "\" (data-state="
              + state()
              + ")",
          e);
    }
  }

  String awaitStatus(String exact, double seconds) {
    return awaitStatus("\"" + exact + "\"", exact::equals, seconds);
  }
}

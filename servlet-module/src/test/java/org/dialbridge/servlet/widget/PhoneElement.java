package org.dialbridge.servlet.widget;

import java.util.List;
import org.dialbridge.servlet.testing.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;

/**
 * The {@code <dialbridge-phone id=phone>} of the page in the browser's current window, read the way
 * an agent sees it: its {@code data-state}, the pop's words and buttons. Elements are looked up
 * afresh on every read, so the object outlives a reload and follows a switch of window.
 */
final class PhoneElement {
  private final Browser browser;

  PhoneElement(Browser browser) {
    this.browser = browser;
  }

  WebElement host() {
    return browser.driver().findElement(By.id("phone"));
  }

  private SearchContext shadow() {
    return host().getShadowRoot();
  }

  private WebElement part(String part) {
    return shadow().findElement(By.cssSelector("[part=" + part + "]"));
  }

  String state() {
    return host().getDomAttribute("data-state");
  }

  WebElement pop() {
    return part("pop");
  }

  boolean popShown() {
    return pop().isDisplayed();
  }

  String title() {
    return part("title").getText();
  }

  String number() {
    return part("number").getText();
  }

  String contact() {
    return part("contact").getText();
  }

  String error() {
    return part("error").getText();
  }

  /** What the screen reader's live region said last. */
  String announced() {
    return part("announce").getDomProperty("textContent");
  }

  WebElement openButton() {
    return part("open");
  }

  WebElement createButton() {
    return part("create");
  }

  WebElement dismissButton() {
    return part("dismiss");
  }

  /** The buttons of the matches to choose from, in order. */
  List<WebElement> matches() {
    return shadow().findElements(By.cssSelector("[part=match]"));
  }

  List<String> matchNames() {
    return matches().stream().map(WebElement::getText).toList();
  }

  /** The {@code part} of the element that has the keyboard focus in the pop, else its id or tag. */
  String focused() {
    return browser.script(
        "const a = document.activeElement;return a === arguments[0] ?"
            + " a.shadowRoot.activeElement?.getAttribute('part') ?? 'host' : a?.id ||"
            + " a?.localName;",
        host());
  }

  /** Waits for {@code data-state} to become {@code expected}; the failure says where it stopped. */
  PhoneElement awaitState(String expected, double seconds) {
    try {
      browser.await("data-state=" + expected, seconds, d -> expected.equals(state()));
    } catch (TimeoutException e) {
      throw new AssertionError(
          "expected data-state=" + expected + " within " + seconds + " s, but it is " + state(), e);
    }
    return this;
  }

  /** Waits for the contact line to read {@code expected}. */
  PhoneElement awaitContact(String expected, double seconds) {
    try {
      browser.await("contact " + expected, seconds, d -> popShown() && expected.equals(contact()));
    } catch (TimeoutException e) {
      throw new AssertionError(
          "expected the pop to show \""
              + expected
              + "\", but it is "
              + state()
              + (popShown() ? " showing \"" + contact() + "\"" : " with no pop"),
          e);
    }
    return this;
  }
}

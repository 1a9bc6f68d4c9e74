package org.dialbridge.servlet.widget;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;
import org.dialbridge.servlet.testing.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The wrap-up form inside one {@code <click-to-call>}'s shadow root, read the way an agent sees it:
 * whether it is open, its fields and their labels, its buttons, what it says. The host is looked up
 * afresh on every read, so the object outlives a reload.
 */
final class WrapUpForm {
  private final Browser browser;
  private final Supplier<WebElement> host;

  WrapUpForm(Browser browser, Supplier<WebElement> host) {
    this.browser = browser;
    this.host = host;
  }

  /** The form of the {@code <click-to-call id=id>} of the page. */
  static WrapUpForm of(Browser browser, String id) {
    return new WrapUpForm(browser, () -> browser.driver().findElement(By.id(id)));
  }

  private SearchContext shadow() {
    return host.get().getShadowRoot();
  }

  private List<WebElement> all(String css) {
    return shadow().findElements(By.cssSelector(css));
  }

  private WebElement part(String name) {
    return shadow().findElement(By.cssSelector("[part=" + name + "]"));
  }

  /** Whether the button holds a wrap-up at all (the form, or its button to open it). */
  boolean present() {
    return !all("[part=wrap-up]").isEmpty();
  }

  boolean open() {
    List<WebElement> form = all("[part=wrap-up-form]");
    return !form.isEmpty() && form.get(0).isDisplayed();
  }

  /** The host's {@code data-wrap-up}: open, closed or saved (null without a wrap-up). */
  String state() {
    return host.get().getDomAttribute("data-wrap-up");
  }

  WrapUpForm awaitOpen(double seconds) {
    try {
      browser.await("the wrap-up form to open", seconds, d -> open());
    } catch (TimeoutException e) {
      throw new AssertionError(
          "expected the wrap-up form to open within " + seconds + " s; data-wrap-up=" + state(), e);
    }
    return this;
  }

  WrapUpForm awaitClosed(double seconds) {
    browser.await("the wrap-up form to close", seconds, d -> !open());
    return this;
  }

  /** Waits for the form's options to arrive (the catalog is fetched when the form is made). */
  List<String> options() {
    return browser.await(
        "the dispositions",
        5,
        d -> {
          List<String> labels =
              disposition().getOptions().stream().skip(1).map(WebElement::getText).toList();
          return labels.isEmpty() ? null : labels;
        });
  }

  Select disposition() {
    return new Select(part("disposition"));
  }

  void choose(String label) {
    options();
    disposition().selectByVisibleText(label);
  }

  String chosen() {
    return disposition().getFirstSelectedOption().getText();
  }

  WebElement dispositionField() {
    return part("disposition");
  }

  WebElement callbackAt() {
    return part("callback-at");
  }

  boolean callbackShown() {
    return callbackAt().isDisplayed();
  }

  /** Sets the callback time as the date-time picker would (local time, to the minute). */
  void callbackAt(LocalDateTime local) {
    browser.script(
        "arguments[0].value = arguments[1]",
        callbackAt(),
        local.truncatedTo(ChronoUnit.MINUTES).toString());
  }

  WebElement note() {
    return part("note");
  }

  /** Sets the note as a script can, past the field's {@code maxlength}. */
  void noteByScript(String text) {
    browser.script("arguments[0].value = arguments[1]", note(), text);
  }

  WebElement saveButton() {
    return part("save-button");
  }

  WebElement dismissButton() {
    return part("dismiss-button");
  }

  /** The button that opens the form: Notes, Wrap up, Edit wrap-up. */
  WebElement toggle() {
    return part("wrap-up-button");
  }

  String title() {
    return part("wrap-up-title").getText();
  }

  /** The text of the label of {@code control}. */
  String labelOf(WebElement control) {
    return browser.script("return arguments[0].labels[0].textContent.trim()", control);
  }

  String error() {
    return part("wrap-up-error").getText();
  }

  String status() {
    return part("wrap-up-status").getText();
  }

  String awaitStatus(String expected, double seconds) {
    try {
      return browser.await(
          "the wrap-up to say " + expected,
          seconds,
          d -> expected.equals(status()) ? status() : null);
    } catch (TimeoutException e) {
      throw new AssertionError(
          "expected the wrap-up status \""
              + expected
              + "\", but it reads \""
              + status()
              + "\" and the error \""
              + error()
              + "\"",
          e);
    }
  }

  String awaitError(double seconds) {
    try {
      return browser.await("a wrap-up error", seconds, d -> error().isEmpty() ? null : error());
    } catch (TimeoutException e) {
      throw new AssertionError("expected an error; the status reads \"" + status() + "\"", e);
    }
  }

  /**
   * What has the keyboard focus inside the host: a {@code part} (or a field's {@code name}), or
   * what else has it.
   */
  String focused() {
    return browser.script(
        "const h = arguments[0], a = h.shadowRoot.activeElement;"
            + "return a ? a.getAttribute('part') || a.name : document.activeElement?.localName;",
        host.get());
  }
}

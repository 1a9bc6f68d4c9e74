package org.dialbridge.servlet.widget;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.dialbridge.servlet.testing.HostAuthFilter;
import org.dialbridge.servlet.testing.Http;
import org.dialbridge.servlet.testing.JettyHost;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * The test host as a browser sees it: {@link JettyHost} (Dialbridge mounted, the widget served at
 * {@code /crm/dialbridge/click-to-call.js}) plus the host's own pages.
 *
 * <ul>
 *   <li>{@code GET /crm/sign-in?user=ana&password=ana} signs the browser in the way a CRM's login
 *       form does: the user goes into the HTTP session, and {@link HostAuthFilter} reads it back on
 *       every later request, the widget's fetches and event stream included, through the session
 *       cookie. (A URL with credentials would not do: Chromium strips them, and {@code fetch}
 *       refuses URLs that carry them.)
 *   <li>{@code GET /crm/contacts/<id>?number=…&name=…&lang=…&sse=none&api=…&second=…} a contact
 *       page with one {@code <click-to-call>}, from {@code src/test/resources/widget/contact.html};
 *       {@code sse=none} removes {@code EventSource} from the page, as in a browser without it;
 *       {@code api} sets the button's {@code api-base}; {@code second} adds a second button ({@code
 *       id=call2}) for that number.
 *   <li>{@code GET /crm/callbacks?lang=…} the agent's callbacks: one {@code <dialbridge-callbacks
 *       id=callbacks>}, from {@code src/test/resources/widget/callbacks.html}.
 *   <li>{@code GET /crm/phone?lang=…&hidden&permission=…&veto} a page with {@code <dialbridge-phone
 *       id=phone>} in its header and a search field, from {@code
 *       src/test/resources/widget/phone.html}; its {@code Notification} is a fake that records what
 *       it was asked to show ({@code permission}: what it says it was granted, default {@code
 *       granted}), {@code hidden} makes the page say it is not visible, {@code veto} cancels every
 *       {@code dialbridge:open-contact} and {@code dialbridge:create-contact}.
 *   <li>every request to the REST API is recorded with the headers that matter for CSRF ({@link
 *       #api()}), and event streams can be made to fail as behind a proxy that cuts them ({@link
 *       #breakEventStreams}).
 *   <li>the widget's language packs ({@code /crm/dialbridge/i18n/*}) are never cached, so each page
 *       fetches them, and can be made to fail ({@link #breakLanguagePacks}) or come late ({@link
 *       #delayLanguagePacks}).
 *   <li>the phone's stylesheet can be made to come late ({@link #delayPhoneStyles}).
 * </ul>
 */
final class TestCrm implements AutoCloseable {
  /**
   * One request the browser made to the REST API (recorded as it arrives, before it is answered).
   */
  record ApiRequest(
      String method, String path, String csrfHeader, String origin, String contentType) {}

  private final JettyHost host;
  private final List<ApiRequest> api = new CopyOnWriteArrayList<>();
  private final AtomicBoolean streamsBroken = new AtomicBoolean();
  private final AtomicBoolean packsBroken = new AtomicBoolean();
  private final AtomicLong packDelayMillis = new AtomicLong();
  private final AtomicLong phoneStylesDelayMillis = new AtomicLong();

  private TestCrm(Map<String, String> properties) throws Exception {
    host =
        JettyHost.start(
            properties,
            context -> {
              context.addServlet(new ServletHolder(new SignIn()), "/sign-in");
              context.addServlet(new ServletHolder(new PhonePage()), "/phone");
              context.addServlet(new ServletHolder(new ContactPage()), "/contacts/*");
              context.addServlet(new ServletHolder(new CallbacksPage()), "/callbacks");
              context.addFilter(
                  new FilterHolder(new ApiTraffic()),
                  "/dialbridge/api/*",
                  EnumSet.of(DispatcherType.REQUEST));
              context.addFilter(
                  new FilterHolder(new PhoneStyles()),
                  "/dialbridge/dialbridge-phone.css",
                  EnumSet.of(DispatcherType.REQUEST));
              context.addFilter(
                  new FilterHolder(new LanguagePacks()),
                  "/dialbridge/i18n/*",
                  EnumSet.of(DispatcherType.REQUEST));
            });
    if (!host.available())
      throw new IllegalStateException("the test CRM did not start", host.startupFailure());
  }

  static TestCrm start(Map<String, String> properties) throws Exception {
    return new TestCrm(properties);
  }

  Http http() {
    return host.http();
  }

  /** Waits until the webhooks answered so far have moved their calls. */
  void awaitInboxApplied() {
    host.awaitInboxApplied();
  }

  /** An absolute URL of the host, e.g. {@code url("contacts/42")}. */
  String url(String path) {
    return host.http().uri(path).toString();
  }

  /** The host's origin as a browser writes it, {@code http://127.0.0.1:<port>}. */
  String origin() {
    URI base = host.http().uri("/");
    return base.getScheme() + "://" + base.getAuthority();
  }

  /** What the browser asked of the REST API, oldest first. */
  List<ApiRequest> api() {
    return List.copyOf(api);
  }

  void forgetApiRequests() {
    api.clear();
  }

  /**
   * While true, {@code GET …/events} is answered 502, as a proxy that does not pass event streams.
   */
  void breakEventStreams(boolean broken) {
    streamsBroken.set(broken);
  }

  /** While true, the widget's language packs are answered 503. */
  void breakLanguagePacks(boolean broken) {
    packsBroken.set(broken);
  }

  /** The widget's language packs are answered {@code millis} late (0: at once). */
  void delayLanguagePacks(long millis) {
    packDelayMillis.set(millis);
  }

  /** {@code dialbridge-phone.css} is answered {@code millis} late (0: at once), never cached. */
  void delayPhoneStyles(long millis) {
    phoneStylesDelayMillis.set(millis);
  }

  @Override
  public void close() throws Exception {
    host.close();
  }

  private static final class SignIn extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
      String user = Objects.requireNonNullElse(req.getParameter("user"), "");
      HostAuthFilter.User known = HostAuthFilter.USERS.get(user);
      if (known == null || !known.password().equals(req.getParameter("password"))) {
        res.sendError(401, "Wrong user or password");
        return;
      }
      req.getSession(true).setAttribute(HostAuthFilter.SESSION_USER, user);
      res.setContentType("text/html;charset=utf-8");
      res.getWriter()
          .write(
              "<!doctype html><title>Signed in</title><p>Signed in as " + escape(user) + ".</p>");
    }
  }

  private static String template(String name) {
    try (InputStream in = TestCrm.class.getResourceAsStream("/widget/" + name)) {
      return new String(
          Objects.requireNonNull(in, "widget/" + name).readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class PhonePage extends HttpServlet {
    private final String template = template("phone.html");

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
      String page =
          template
              .replace("{{context}}", req.getContextPath())
              .replace(
                  "{{lang}}", escape(Objects.requireNonNullElse(req.getParameter("lang"), "en")));
      res.setContentType("text/html;charset=utf-8");
      res.setHeader("Cache-Control", "no-store");
      res.getWriter().write(page);
    }
  }

  private static final class CallbacksPage extends HttpServlet {
    private final String template = template("callbacks.html");

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
      String page =
          template
              .replace("{{context}}", req.getContextPath())
              .replace(
                  "{{lang}}", escape(Objects.requireNonNullElse(req.getParameter("lang"), "en")));
      res.setContentType("text/html;charset=utf-8");
      res.setHeader("Cache-Control", "no-store");
      res.getWriter().write(page);
    }
  }

  private static final class ContactPage extends HttpServlet {
    private final String template = template("contact.html");

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
      String contact = req.getPathInfo() == null ? "" : req.getPathInfo().substring(1);
      String head =
          "none".equals(req.getParameter("sse"))
              ? "<script>delete window.EventSource;</script>"
              : "";
      String api = req.getParameter("api");
      String second = req.getParameter("second");
      String page =
          template
              .replace("{{api}}", api == null ? "" : " api-base=\"" + escape(api) + "\"")
              .replace(
                  "{{second}}",
                  second == null
                      ? ""
                      : "<dt>Mobile</dt><dd><click-to-call id=\"call2\" number=\""
                          + escape(second)
                          + "\" contact-id=\"{{contact}}\"></click-to-call></dd>")
              .replace("{{head}}", head)
              .replace("{{context}}", req.getContextPath())
              .replace(
                  "{{lang}}", escape(Objects.requireNonNullElse(req.getParameter("lang"), "en")))
              .replace(
                  "{{name}}",
                  escape(Objects.requireNonNullElse(req.getParameter("name"), "Ana Torres")))
              .replace(
                  "{{number}}",
                  escape(Objects.requireNonNullElse(req.getParameter("number"), "+51 1 555 1234")))
              .replace("{{contact}}", escape(contact));
      res.setContentType("text/html;charset=utf-8");
      res.setHeader("Cache-Control", "no-store");
      res.getWriter().write(page);
    }
  }

  private final class ApiTraffic implements Filter {
    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
        throws IOException, ServletException {
      HttpServletRequest request = (HttpServletRequest) req;
      String path =
          request.getRequestURI()
              + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
      api.add(
          new ApiRequest(
              request.getMethod(),
              path,
              request.getHeader("X-Dialbridge-Request"),
              request.getHeader("Origin"),
              request.getContentType()));
      if (streamsBroken.get() && request.getRequestURI().endsWith("/events")) {
        ((HttpServletResponse) res).sendError(502, "Bad Gateway");
        return;
      }
      chain.doFilter(req, res);
    }
  }

  private final class PhoneStyles implements Filter {
    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
        throws IOException, ServletException {
      ((HttpServletResponse) res).setHeader("Cache-Control", "no-store");
      sleep(phoneStylesDelayMillis.get());
      chain.doFilter(req, res);
    }
  }

  private static void sleep(long millis) {
    if (millis <= 0) return;
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private final class LanguagePacks implements Filter {
    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
        throws IOException, ServletException {
      HttpServletResponse response = (HttpServletResponse) res;
      response.setHeader(
          "Cache-Control", "no-store"); // a pack the browser kept would hide a broken or slow one
      long delay = packDelayMillis.get();
      if (delay > 0) {
        try {
          Thread.sleep(delay);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (packsBroken.get()) {
        response.sendError(503, "Service Unavailable");
        return;
      }
      chain.doFilter(req, res);
    }
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}

package org.dialbridge.demo;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContainerInitializer;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.ServiceLoader;
import org.dialbridge.demo.emulator.ProviderEmulator;
import org.eclipse.jetty.ee10.servlet.DefaultServlet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.util.resource.ResourceFactory;

/** The demo CRM's webapp, put together as a servlet container would deploy it. */
final class DemoWebapp {
  private DemoWebapp() {}

  /**
   * The CRM webapp: sessions, the demo's sign-in, its pages (the sandbox's "Ring me" asks {@code
   * emulator}), static files from the JARs, and the JARs' initializers.
   */
  static ServletContextHandler create(ProviderEmulator emulator) {
    ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
    context.setContextPath("/");
    context.getSessionHandler().setHttpOnly(true);
    context.getSessionHandler().setSameSite(HttpCookie.SameSite.LAX);
    context.getSessionHandler().setMaxInactiveInterval(8 * 3600);
    context.setErrorHandler(new PlainErrorPage());
    context.setBaseResource(staticRoots(context));

    FilterHolder signIn = new FilterHolder(new DemoAuthFilter());
    // Dialbridge streams a call's status (server-sent events) asynchronously: every filter in
    // front of it must allow that, or the widget falls back to polling every 2 s
    signIn.setAsyncSupported(true);
    context.addFilter(signIn, "/*", EnumSet.of(DispatcherType.REQUEST));
    ServletHolder pages = new ServletHolder("demo-pages", new ContactsServlet());
    context.addServlet(pages, "");
    context.addServlet(pages, "/contacts");
    context.addServlet(pages, "/contacts/*");
    context.addServlet(new ServletHolder("demo-callbacks", new CallbacksServlet()), "/callbacks");
    context.addServlet(
        new ServletHolder("demo-deliveries", new DeliveriesServlet()), "/deliveries");
    context.addServlet(
        new ServletHolder("demo-sandbox", new SandboxServlet(emulator)), "/sandbox/ring");
    ServletHolder signInPages = new ServletHolder("demo-sign-in", new SignInServlet());
    context.addServlet(signInPages, "/sign-in");
    context.addServlet(signInPages, "/sign-out");
    ServletHolder files = context.addServlet(DefaultServlet.class, "/");
    files.setInitParameter("dirAllowed", "false");
    files.setInitParameter("cacheControl", "no-cache");

    // What a servlet container does for the JARs of WEB-INF/lib: run their
    // ServletContainerInitializers.
    // That is how Dialbridge mounts itself; the demo has no code for it.
    for (ServletContainerInitializer sci :
        ServiceLoader.load(ServletContainerInitializer.class, DemoCrm.class.getClassLoader())) {
      context.addServletContainerInitializer(sci);
    }
    return context;
  }

  /**
   * Every JAR's (or class folder's) {@code META-INF/resources}, served as the webapp's static files
   * the way a servlet container serves them: Dialbridge's widget and the demo's CSS and scripts.
   */
  private static Resource staticRoots(ServletContextHandler context) {
    ResourceFactory factory = ResourceFactory.of(context);
    List<Resource> roots = new ArrayList<>();
    List<URI> seen = new ArrayList<>();
    try {
      for (URL url :
          Collections.list(DemoCrm.class.getClassLoader().getResources("META-INF/resources"))) {
        addRoot(factory, url.toURI(), roots, seen);
      }
      // a JAR written without directory entries lists no folder: find the roots by their files too
      for (String file : List.of("dialbridge/click-to-call.js", "demo/demo.css")) {
        for (URL url :
            Collections.list(
                DemoCrm.class.getClassLoader().getResources("META-INF/resources/" + file))) {
          String s = url.toString();
          addRoot(factory, new URI(s.substring(0, s.length() - file.length() - 1)), roots, seen);
        }
      }
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException("cannot list the static files: " + e, e);
    }
    if (roots.isEmpty()) throw new IllegalStateException("no META-INF/resources on the class path");
    return ResourceFactory.combine(roots);
  }

  private static void addRoot(
      ResourceFactory factory, URI uri, List<Resource> roots, List<URI> seen) {
    URI normalized = URI.create(uri.toString().replaceAll("/+$", ""));
    if (seen.contains(normalized)) return;
    seen.add(normalized);
    Resource resource = factory.newResource(normalized);
    if (resource != null && resource.exists()) roots.add(resource);
  }
}

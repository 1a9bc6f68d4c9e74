package org.dialbridge.servlet.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The widget JAR as a webapp ships it in {@code WEB-INF/lib}. The widget is a test dependency: from
 * the local repository it is already a JAR and is copied; inside a reactor build Maven puts its
 * {@code target/classes} folder on the class path instead, which is packed into a JAR here with the
 * same entries.
 */
public final class WidgetJar {
  public static final String SCRIPT = "META-INF/resources/dialbridge/click-to-call.js";

  private WidgetJar() {}

  /** Writes the widget JAR to {@code target} and returns it. */
  public static Path writeTo(Path target) {
    URL script = WidgetJar.class.getClassLoader().getResource(SCRIPT);
    if (script == null)
      throw new IllegalStateException(
          SCRIPT + " is not on the test class path (dialbridge-widget)");
    try {
      Files.createDirectories(target.getParent());
      if (script.getProtocol().equals("jar")) {
        try (InputStream in =
            ((JarURLConnection) script.openConnection()).getJarFileURL().openStream()) {
          Files.copy(in, target);
        }
        return target;
      }
      Path root = Path.of(script.toURI());
      for (int i = 0; i < SCRIPT.split("/").length; i++) root = root.getParent();
      pack(root, target);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void pack(Path root, Path target) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(p -> !p.equals(root)).sorted().toList();
    }
    try (OutputStream out = Files.newOutputStream(target);
        JarOutputStream jar = new JarOutputStream(out)) {
      for (Path file : files) {
        String name = root.relativize(file).toString().replace('\\', '/');
        boolean directory = Files.isDirectory(file);
        jar.putNextEntry(new JarEntry(directory ? name + "/" : name));
        if (!directory) Files.copy(file, jar);
        jar.closeEntry();
      }
    }
  }
}

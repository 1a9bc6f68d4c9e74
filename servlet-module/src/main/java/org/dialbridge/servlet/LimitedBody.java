package org.dialbridge.servlet;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Request bodies with a size cap: a declared length over the cap is refused before reading, and a
 * chunked body is cut off as soon as it passes the cap, so an attacker's 10 MB body costs at most
 * the cap in memory (what is swallowed after a refusal is discarded, never kept).
 */
public final class LimitedBody {

  /** A body over its cap. */
  public static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException(long cap) {
      super("request body over " + cap + " bytes");
    }
  }

  /**
   * Bodies up to this size are read and discarded before a refusal, so the client hears the answer.
   */
  static final long SWALLOW = 1 << 20;

  private LimitedBody() {}

  /**
   * Reads and discards what is left of a refused body when it is at most 1 MiB, so the client,
   * still sending, reads the refusal instead of a reset connection (Tomcat's maxSwallowSize does
   * the same); anything larger is left unread and the connection closes.
   */
  public static void swallow(HttpServletRequest request) {
    long declared = request.getContentLengthLong();
    if (declared > SWALLOW) return;
    byte[] buffer = new byte[8192];
    long left = SWALLOW;
    try (InputStream in = request.getInputStream()) {
      int n;
      while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) != -1)
        left -= n;
    } catch (IOException | IllegalStateException e) {
      // the client went away or the stream was taken: nothing more to read
    }
  }

  /** Reads the whole body, at most {@code cap} bytes. @throws TooLargeException past the cap */
  public static byte[] read(HttpServletRequest request, int cap) throws IOException {
    if (request.getContentLengthLong() > cap) throw new TooLargeException(cap);
    ByteArrayOutputStream out =
        new ByteArrayOutputStream(
            Math.max(0, Math.min(cap, (int) Math.max(0, request.getContentLengthLong()))));
    byte[] buffer = new byte[8192];
    try (InputStream in = request.getInputStream()) {
      int n;
      while ((n = in.read(buffer)) != -1) {
        if (out.size() + n > cap) throw new TooLargeException(cap);
        out.write(buffer, 0, n);
      }
    }
    return out.toByteArray();
  }

  /**
   * {@code request} whose body stream fails with {@link TooLargeException} past {@code cap} bytes.
   */
  public static HttpServletRequest capped(HttpServletRequest request, long cap) {
    return new HttpServletRequestWrapper(request) {
      private ServletInputStream stream;

      @Override
      public ServletInputStream getInputStream() throws IOException {
        if (stream == null) stream = new CappedStream(super.getInputStream(), cap);
        return stream;
      }
    };
  }

  private static final class CappedStream extends ServletInputStream {
    private final ServletInputStream in;
    private final long cap;
    private long read;

    CappedStream(ServletInputStream in, long cap) {
      this.in = in;
      this.cap = cap;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b != -1 && ++read > cap) throw new TooLargeException(cap);
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0 && (read += n) > cap) throw new TooLargeException(cap);
      return n;
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}

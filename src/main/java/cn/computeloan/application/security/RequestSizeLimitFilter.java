package cn.computeloan.application.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds every request body before anything reads it (it runs ahead of the security filters, whose
 * {@link UserTaskActorGuard} reads whole bodies). A body that declares a length over its limit is
 * refused at once, unread; one without a declared length (chunked) is counted while it is read and
 * stops at the first byte over the limit; a multipart request is checked when its parts are parsed.
 * The answer is 413 application/problem+json, from {@link RequestSizeProblems} when a controller was
 * reading, from here otherwise. Limits: {@link RequestSizeLimits}.
 */
public final class RequestSizeLimitFilter extends OncePerRequestFilter {

  private static final Pattern DOCUMENTS = Pattern.compile("^(/api/applications|/applications/new)/[^/]+/documents$");

  private final RequestSizeLimits limits;

  public RequestSizeLimitFilter(RequestSizeLimits limits) {
    this.limits = limits;
  }

  /** The limit of this request's body, by endpoint. A path that escapes these gets the smallest. */
  long limitFor(HttpServletRequest request) {
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    if ("POST".equals(request.getMethod())) {
      // the engine's deployments, and the process owners' page deploying through the application
      if ("/v2/deployments".equals(path) || "/processes/deployments".equals(path)) {
        return limits.deployment().toBytes();
      }
      if (DOCUMENTS.matcher(path).matches()) {
        return limits.documentRequest().toBytes();
      }
    }
    return limits.jsonBody().toBytes();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long declared = request.getContentLengthLong();
    if (declared == 0 || (declared < 0 && request.getHeader("Transfer-Encoding") == null)) {
      chain.doFilter(request, response); // no body
      return;
    }
    long limit = limitFor(request);
    if (declared > limit) {
      RequestSizeProblems.write(response, limit, request);
      return;
    }
    try {
      chain.doFilter(new LimitedRequest(request, limit), response);
    } catch (IOException | ServletException | RuntimeException e) {
      RequestTooLargeException tooLarge = RequestSizeProblems.cause(e);
      if (tooLarge == null) {
        throw e;
      }
      if (!response.isCommitted()) {
        response.reset();
        RequestSizeProblems.write(response, tooLarge.limit(), request);
      }
    }
  }

  /** Counts what is read of the body; multipart parts are summed when they are parsed. */
  private static final class LimitedRequest extends HttpServletRequestWrapper {
    private final long limit;
    private ServletInputStream in;
    private BufferedReader reader;

    LimitedRequest(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (in == null) {
        in = new CountingInputStream(super.getInputStream(), limit);
      }
      return in;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      if (reader == null) {
        String encoding = getCharacterEncoding();
        Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
      }
      return reader;
    }

    /**
     * The container parses multipart bodies itself (within the global {@code spring.servlet.multipart}
     * limits, which it stops reading at); the endpoint's own limit is checked on the parts.
     */
    @Override
    public Collection<Part> getParts() throws IOException, ServletException {
      Collection<Part> parts;
      try {
        parts = super.getParts();
      } catch (IllegalStateException | IOException | ServletException e) {
        if (RequestSizeProblems.isContainerSizeFailure(e)) {
          throw new RequestTooLargeException(limit, e);
        }
        throw e;
      }
      long size = 0;
      for (Part part : parts) {
        size += part.getSize();
      }
      if (size > limit) {
        throw new RequestTooLargeException(limit, null);
      }
      return parts;
    }

    @Override
    public Part getPart(String name) throws IOException, ServletException {
      for (Part part : getParts()) {
        if (part.getName().equals(name)) {
          return part;
        }
      }
      return null;
    }
  }

  /** Throws once more than {@code limit} bytes were read; never reads more than one byte past it. */
  private static final class CountingInputStream extends ServletInputStream {
    private final ServletInputStream in;
    private final long limit;
    private long count;

    CountingInputStream(ServletInputStream in, long limit) {
      this.in = in;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      check();
      int b = in.read();
      if (b >= 0) {
        count++;
        check();
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      check();
      int n = in.read(b, off, (int) Math.min(len, limit - count + 1));
      if (n > 0) {
        count += n;
        check();
      }
      return n;
    }

    private void check() throws RequestTooLargeException {
      if (count > limit) {
        throw new RequestTooLargeException(limit, null);
      }
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

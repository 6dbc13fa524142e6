package cn.computeloan.application.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Refusals written by filters, in the same problem+json shape as the controllers' errors. */
final class ProblemResponses {

  private ProblemResponses() {}

  static void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
    response.setStatus(status);
    response.setContentType("application/problem+json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + escape(title) + "\",\"status\":" + status
        + ",\"detail\":\"" + escape(detail) + "\"}");
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}

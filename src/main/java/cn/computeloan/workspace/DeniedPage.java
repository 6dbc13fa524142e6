package cn.computeloan.workspace;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.servlet.LocaleResolver;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * The workspace's 403 page for a person whose role may not open a page (an intake officer on a
 * case, an administrator): rendered here, in the security chain, because a forward to a controller
 * would pass the same refusal again.
 */
final class DeniedPage implements AccessDeniedHandler {

  private final ITemplateEngine templates;
  private final LocaleResolver locales;

  DeniedPage(ITemplateEngine templates, LocaleResolver locales) {
    this.templates = templates;
    this.locales = locales;
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
      throws IOException {
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    response.setContentType("text/html;charset=UTF-8");
    var user = SecurityContextHolder.getContext().getAuthentication();
    WebContext context = new WebContext(
        JakartaServletWebApplication.buildApplication(request.getServletContext()).buildExchange(request, response),
        locales.resolveLocale(request), Map.of("status", 403, "me", user == null ? "" : user.getName()));
    templates.process("workspace/error", context, response.getWriter());
  }
}

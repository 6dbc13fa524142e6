package cn.computeloan.workspace.web;

import cn.computeloan.application.api.ApplicationProblems.InvalidRequestException;
import cn.computeloan.workspace.task.TaskRefusedException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** Error pages of the workspace: the reason for a person, a correlation id for anything unexpected. */
@ControllerAdvice(assignableTypes = PageController.class)
public class PageErrors {

  private static final Logger LOG = LoggerFactory.getLogger(PageErrors.class);

  @ExceptionHandler(TaskRefusedException.class)
  ModelAndView refused(TaskRefusedException e) {
    HttpStatus status = switch (e.kind()) {
      case NOT_FOUND -> HttpStatus.NOT_FOUND;
      case FORBIDDEN -> HttpStatus.FORBIDDEN;
      case CONFLICT -> HttpStatus.CONFLICT;
    };
    return page(status, e.kind() == TaskRefusedException.Kind.NOT_FOUND ? null : e.getMessage(), null);
  }

  @ExceptionHandler(InvalidRequestException.class)
  ModelAndView invalid(InvalidRequestException e) {
    return page(HttpStatus.BAD_REQUEST, e.violations().stream().map(v -> v.field() + ": " + v.message())
        .reduce((a, b) -> a + "; " + b).orElse(""), null);
  }

  @ExceptionHandler(Exception.class)
  ModelAndView unexpected(Exception e) {
    String correlationId = UUID.randomUUID().toString();
    LOG.error("Workspace page failed [correlationId={}]", correlationId, e);
    return page(HttpStatus.INTERNAL_SERVER_ERROR, null, correlationId);
  }

  /** The workspace's error page with its status, a reason for the person or a correlation id. */
  public static ModelAndView page(HttpStatus status, String reason, String correlationId) {
    ModelAndView page = new ModelAndView("workspace/error", status);
    page.addObject("status", status.value());
    page.addObject("reason", reason);
    page.addObject("correlationId", correlationId);
    return page;
  }
}

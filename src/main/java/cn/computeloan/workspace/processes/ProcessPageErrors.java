package cn.computeloan.workspace.processes;

import io.camunda.client.api.command.ProblemException;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/** The process pages' errors: an unknown version is 404, anything unexpected 500 with a correlation id. */
@ControllerAdvice(assignableTypes = ProcessesController.class)
public class ProcessPageErrors {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessPageErrors.class);

  @ExceptionHandler({ProblemException.class, CompletionException.class})
  ModelAndView engine(RuntimeException e) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof ProblemException p && p.code() == 404) {
      return page(HttpStatus.NOT_FOUND, null);
    }
    return unexpected(e);
  }

  /** A key of digits that is no number (beyond a long) names no version either. */
  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ModelAndView noSuchKey() {
    return page(HttpStatus.NOT_FOUND, null);
  }

  @ExceptionHandler(Exception.class)
  ModelAndView unexpected(Exception e) {
    String correlationId = UUID.randomUUID().toString();
    LOG.error("Process page failed [correlationId={}]", correlationId, e);
    return page(HttpStatus.INTERNAL_SERVER_ERROR, correlationId);
  }

  private static ModelAndView page(HttpStatus status, String correlationId) {
    ModelAndView page = new ModelAndView("workspace/error", status);
    page.addObject("status", status.value());
    page.addObject("correlationId", correlationId);
    return page;
  }
}

package cn.computeloan.workspace.task;

import cn.computeloan.application.api.ApplicationProblems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * application/problem+json answers of the task API: the application API's (400 naming the fields,
 * unreadable bodies, bad parameters), plus 403, 404 and 409 with the reason to show the person, and
 * 500 with only a correlation id (the details go to the log).
 */
@RestControllerAdvice(assignableTypes = TaskController.class)
public class TaskProblems extends ApplicationProblems {


  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
    return answer(problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type", "send application/json",
        "unsupported-media-type"));
  }

  @ExceptionHandler(TaskRefusedException.class)
  ResponseEntity<ProblemDetail> refused(TaskRefusedException e) {
    return answer(switch (e.kind()) {
      case NOT_FOUND -> problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), "not-found");
      case FORBIDDEN -> problem(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage(), "forbidden");
      case CONFLICT -> problem(HttpStatus.CONFLICT, "Conflict", e.getMessage(), "conflict");
    });
  }
}

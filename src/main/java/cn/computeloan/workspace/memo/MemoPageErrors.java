package cn.computeloan.workspace.memo;

import cn.computeloan.workspace.web.PageErrors;
import org.springframework.web.bind.annotation.ControllerAdvice;

/** The memo's errors as the workspace's other pages show them (404 page, 500 with correlation id). */
@ControllerAdvice(assignableTypes = MemoController.class)
public class MemoPageErrors extends PageErrors {
}

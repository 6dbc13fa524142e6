package cn.computeloan.workspace.intake;

import cn.computeloan.workspace.web.PageErrors;
import org.springframework.web.bind.annotation.ControllerAdvice;

/** Intake's errors as the workspace's other pages show them (404 page, 500 with correlation id). */
@ControllerAdvice(assignableTypes = IntakeController.class)
public class IntakePageErrors extends PageErrors {
}

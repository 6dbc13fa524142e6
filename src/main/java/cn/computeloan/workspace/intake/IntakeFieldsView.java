package cn.computeloan.workspace.intake;

import cn.computeloan.workspace.intake.IntakeFields.Field;
import java.util.List;
import java.util.stream.IntStream;

/** {@link IntakeFields} for the template (Thymeleaf calls methods of objects, not static ones). */
public final class IntakeFieldsView {

  static final IntakeFieldsView INSTANCE = new IntakeFieldsView();

  private IntakeFieldsView() {
  }

  public Field field(String path) {
    return IntakeFields.get(path);
  }

  public List<Field> under(String prefix) {
    return IntakeFields.under(prefix);
  }

  public List<Field> request() {
    return IntakeFields.request();
  }

  public List<String> statementLines() {
    return IntakeFields.statementLines();
  }

  public List<String> columns(String list) {
    return IntakeFields.columns(list);
  }

  /** 0, 1, ... up to the rows the form offers for {@code list}. */
  public List<Integer> rows(String list) {
    return IntStream.range(0, IntakeFields.rows(list)).boxed().toList();
  }
}

package cn.computeloan.policy;

import cn.computeloan.credit.decision.PolicyDecisionException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.feel.syntaxtree.Val;
import org.camunda.feel.syntaxtree.ValBoolean;
import org.camunda.feel.syntaxtree.ValDate;
import org.camunda.feel.syntaxtree.ValError;
import org.camunda.feel.syntaxtree.ValList;
import org.camunda.feel.syntaxtree.ValNull$;
import org.camunda.feel.syntaxtree.ValNumber;
import org.camunda.feel.syntaxtree.ValString;
import scala.jdk.javaapi.CollectionConverters;

/** Converts FEEL values from the DMN audit log into plain Java values. */
final class FeelValues {

  private FeelValues() {}

  /** FEEL number to BigDecimal, string, boolean, date, list; null for FEEL null. */
  static Object toJava(Val value) {
    if (value instanceof ValNumber n) {
      return n.value().bigDecimal();
    }
    if (value instanceof ValString s) {
      return s.value();
    }
    if (value instanceof ValBoolean b) {
      return b.value();
    }
    if (value instanceof ValDate d) {
      return d.value();
    }
    if (value instanceof ValList l) {
      List<Object> items = new ArrayList<>();
      for (Val item : CollectionConverters.asJava(l.items())) {
        items.add(toJava(item));
      }
      return items;
    }
    if (value == null || value == ValNull$.MODULE$) {
      return null;
    }
    if (value instanceof ValError e) {
      // A FEEL error in an output entry is a defect of the table; surface it, never hide it.
      throw new PolicyDecisionException("FEEL error in DMN output: " + e.error());
    }
    // Outputs of the policy tables are scalars; anything else is kept readable for auditors.
    return value.toString();
  }
}

package cn.computeloan.credit.decision;

/** A DMN decision could not be loaded or evaluated: a defect of the policy, not of the data. */
public class PolicyDecisionException extends RuntimeException {

  /** Creates the exception with a message naming the decision. */
  public PolicyDecisionException(String message) {
    super(message);
  }

  /** Creates the exception with a cause. */
  public PolicyDecisionException(String message, Throwable cause) {
    super(message, cause);
  }
}

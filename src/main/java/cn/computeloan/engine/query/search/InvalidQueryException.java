package cn.computeloan.engine.query.search;



/** A search the read model cannot answer as asked (bad cursor, unknown operator): a 400. */
public class InvalidQueryException extends RuntimeException {

  public InvalidQueryException(String message) {
    super(message);
  }
}

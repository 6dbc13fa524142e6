package cn.computeloan.engine.rest;

/** A request the API rejects before it reaches the engine (missing or malformed field): a 400. */
public class InvalidRequestException extends RuntimeException {

  public InvalidRequestException(String message) {
    super(message);
  }

  public static InvalidRequestException missing(String field) {
    return new InvalidRequestException("No " + field + " provided");
  }
}

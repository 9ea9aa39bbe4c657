package io.github.c4gh.allas;

/**
 * The object does not exist (S3 {@code NoSuchKey}, HTTP 404; or a HEAD that answered 404).
 */
public class NoSuchObjectException extends AllasException {
  private static final long serialVersionUID = 1L;

  /**
   * An error with a message and an optional cause.
   *
   * @param message what went wrong, for a person
   * @param cause the underlying error, or {@code null}
   */
  public NoSuchObjectException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * An error the server reported.
   *
   * @param message what went wrong, for a person
   * @param cause the underlying error, or {@code null}
   * @param statusCode the HTTP status, or 0 when no response was received
   * @param errorCode the S3 error code, or {@code null}
   */
  public NoSuchObjectException(String message, Throwable cause, int statusCode, String errorCode) {
    super(message, cause, statusCode, errorCode);
  }
}

package io.github.c4gh.allas;

/**
 * The server refused the request for these credentials (S3 {@code AccessDenied}, HTTP 403).
 *
 * <p>For a shared bucket this is what a project sees after its access was revoked, or when it was
 * never granted the operation.
 */
public class AccessDeniedException extends AllasException {
  private static final long serialVersionUID = 1L;

  /**
   * An error with a message and an optional cause.
   *
   * @param message what went wrong, for a person
   * @param cause the underlying error, or {@code null}
   */
  public AccessDeniedException(String message, Throwable cause) {
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
  public AccessDeniedException(String message, Throwable cause, int statusCode, String errorCode) {
    super(message, cause, statusCode, errorCode);
  }
}

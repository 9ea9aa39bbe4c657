package io.github.c4gh.allas;

/**
 * The server does not implement the operation (HTTP 501, S3 {@code NotImplemented}).
 *
 * <p>Allas (Ceph RGW) implements bucket policies and lifecycle rules; some S3 servers used in
 * tests (S3Proxy) do not.
 */
public class NotSupportedByServerException extends AllasException {
  private static final long serialVersionUID = 1L;

  /**
   * An error with a message and an optional cause.
   *
   * @param message what went wrong, for a person
   * @param cause the underlying error, or {@code null}
   */
  public NotSupportedByServerException(String message, Throwable cause) {
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
  public NotSupportedByServerException(String message, Throwable cause, int statusCode, String errorCode) {
    super(message, cause, statusCode, errorCode);
  }
}

package io.github.c4gh.allas;

/**
 * No S3 credentials were found in any of the places the configuration looked.
 *
 * <p>The message lists every place that was consulted, in order (explicit values, environment
 * variables, the files CSC's {@code allas-conf} writes, the AWS default chain). Secrets are never
 * part of it.
 */
public class MissingCredentialsException extends AllasException {
  private static final long serialVersionUID = 1L;

  /**
   * An error with a message and an optional cause.
   *
   * @param message what went wrong, for a person
   * @param cause the underlying error, or {@code null}
   */
  public MissingCredentialsException(String message, Throwable cause) {
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
  public MissingCredentialsException(String message, Throwable cause, int statusCode, String errorCode) {
    super(message, cause, statusCode, errorCode);
  }
}

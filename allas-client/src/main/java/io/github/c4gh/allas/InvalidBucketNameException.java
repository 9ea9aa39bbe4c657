package io.github.c4gh.allas;

/**
 * A bucket name that Allas would refuse or that breaks S3 addressing.
 *
 * <p>New bucket names are 3-63 characters of lower-case letters, digits, {@code -} and {@code .},
 * starting and ending with a letter or digit. They are global across Allas and public.
 */
public class InvalidBucketNameException extends AllasException {
  private static final long serialVersionUID = 1L;

  /**
   * An error with a message and an optional cause.
   *
   * @param message what went wrong, for a person
   * @param cause the underlying error, or {@code null}
   */
  public InvalidBucketNameException(String message, Throwable cause) {
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
  public InvalidBucketNameException(String message, Throwable cause, int statusCode, String errorCode) {
    super(message, cause, statusCode, errorCode);
  }
}

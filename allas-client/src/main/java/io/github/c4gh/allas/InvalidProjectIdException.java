package io.github.c4gh.allas;

/**
 * A project identity that cannot name a project over S3.
 *
 * <p>Over S3 an Allas project is its 32-character hexadecimal Keystone project id (CSC's web
 * interface shows it as the <em>Share ID</em>), never its name such as {@code project_2000111}: a
 * bucket policy that names a project by name matches nobody.
 */
public class InvalidProjectIdException extends AllasException {
  private static final long serialVersionUID = 1L;

  /**
   * An error with a message and an optional cause.
   *
   * @param message what went wrong, for a person
   * @param cause the underlying error, or {@code null}
   */
  public InvalidProjectIdException(String message, Throwable cause) {
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
  public InvalidProjectIdException(String message, Throwable cause, int statusCode, String errorCode) {
    super(message, cause, statusCode, errorCode);
  }
}

package io.github.c4gh.allas;

/**
 * The bucket name is taken by another project (S3 {@code BucketAlreadyExists}, HTTP 409).
 *
 * <p>Bucket names are global across all of Allas and public: choose another name.
 */
public class BucketAlreadyExistsException extends AllasException {
  private static final long serialVersionUID = 1L;

  /**
   * An error with a message and an optional cause.
   *
   * @param message what went wrong, for a person
   * @param cause the underlying error, or {@code null}
   */
  public BucketAlreadyExistsException(String message, Throwable cause) {
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
  public BucketAlreadyExistsException(String message, Throwable cause, int statusCode, String errorCode) {
    super(message, cause, statusCode, errorCode);
  }
}

package io.github.c4gh.allas;

/**
 * A bucket still holds objects or in-flight multipart uploads, so it was not deleted.
 *
 * <p>Use {@link AllasClient#deleteBucketAndAllObjects(String)} to delete it with everything in it.
 */
public class BucketNotEmptyException extends AllasException {
  private static final long serialVersionUID = 1L;

  /**
   * An error with a message and an optional cause.
   *
   * @param message what went wrong, for a person
   * @param cause the underlying error, or {@code null}
   */
  public BucketNotEmptyException(String message, Throwable cause) {
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
  public BucketNotEmptyException(String message, Throwable cause, int statusCode, String errorCode) {
    super(message, cause, statusCode, errorCode);
  }
}

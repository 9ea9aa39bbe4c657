package io.github.c4gh.allas;

/**
 * Base type of every error this client reports: a request the server refused, a failure to reach
 * it, a missing credential or an argument that can never be valid for Allas.
 *
 * <p>It is unchecked, like the AWS SDK's own {@code SdkException} that it usually wraps (as its
 * {@linkplain #getCause() cause}): the {@link AllasClient} is a thin layer over the SDK's {@code
 * S3Client}, its listings are lazy {@link java.util.stream.Stream}s that cannot throw checked
 * exceptions, and callers that use {@link AllasClient#s3()} directly already handle unchecked SDK
 * errors. Checked I/O stays checked: reading a local file or a caller's {@link java.io.InputStream}
 * for an upload fails with the {@link java.io.IOException} that the file or stream threw, and
 * reading an object's content stream throws {@code IOException} as any stream does.
 *
 * <p>Subtypes name the cases a caller typically handles: {@link NoSuchBucketException}, {@link
 * NoSuchObjectException}, {@link ObjectExistsException}, {@link BucketNotEmptyException}, {@link
 * BucketAlreadyExistsException}, {@link AccessDeniedException}, {@link
 * NotSupportedByServerException}, {@link MissingCredentialsException}, {@link
 * InvalidProjectIdException} and {@link InvalidBucketNameException}.
 */
public class AllasException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int statusCode;
  private final String errorCode;

  /**
   * An error with a message and an optional cause.
   *
   * @param message what went wrong, for a person
   * @param cause the underlying error, or {@code null}
   */
  public AllasException(String message, Throwable cause) {
    this(message, cause, 0, null);
  }

  /**
   * An error the server reported.
   *
   * @param message what went wrong, for a person
   * @param cause the underlying error, or {@code null}
   * @param statusCode the HTTP status, or 0 when no response was received
   * @param errorCode the S3 error code such as {@code NoSuchKey}, or {@code null}
   */
  public AllasException(String message, Throwable cause, int statusCode, String errorCode) {
    super(message, cause);
    this.statusCode = statusCode;
    this.errorCode = errorCode;
  }

  /**
   * The HTTP status of the server's answer.
   *
   * @return the status, or 0 when there was no answer (network failure, local validation)
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * The S3 error code of the server's answer, for example {@code AccessDenied}.
   *
   * @return the code, or {@code null} when there was none
   */
  public String errorCode() {
    return errorCode;
  }
}

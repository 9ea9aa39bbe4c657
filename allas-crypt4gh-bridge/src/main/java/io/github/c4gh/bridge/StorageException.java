package io.github.c4gh.bridge;

import java.io.IOException;

/**
 * An S3 request of the bridge failed: the server refused it, or it could not be sent or its answer
 * not read, after the retries. The message says what failed (operation, bucket, key, part number,
 * HTTP status and S3 error code); the same facts are available as fields, and the AWS SDK's
 * exception, when there is one, is the {@linkplain #getCause() cause}.
 *
 * <p>It is an {@link IOException} because the bridge's streams and channels are I/O: a failed part
 * upload surfaces from {@code write} or {@code close}, a failed ranged GET from {@code read}.
 */
public class StorageException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String operation;
  private final String bucket;
  private final String key;
  private final int partNumber;
  private final int statusCode;
  private final String errorCode;

  /**
   * A failure of one S3 request.
   *
   * @param message what went wrong, for a person
   * @param cause the underlying error, or {@code null}
   * @param operation the S3 operation, for example {@code UploadPart}
   * @param bucket the bucket
   * @param key the object key
   * @param partNumber the part number of a multipart upload, or 0
   * @param statusCode the HTTP status, or 0 when no answer was received
   * @param errorCode the S3 error code such as {@code SlowDown}, or {@code null}
   */
  public StorageException(
      String message, Throwable cause, String operation, String bucket, String key, int partNumber, int statusCode, String errorCode) {
    super(message, cause);
    this.operation = operation;
    this.bucket = bucket;
    this.key = key;
    this.partNumber = partNumber;
    this.statusCode = statusCode;
    this.errorCode = errorCode;
  }

  /**
   * The S3 operation that failed.
   *
   * @return for example {@code UploadPart}, {@code CompleteMultipartUpload}, {@code GetObject}
   */
  public String operation() {
    return operation;
  }

  /**
   * The bucket of the request.
   *
   * @return the bucket as addressed (possibly {@code <tenant>:<bucket>})
   */
  public String bucket() {
    return bucket;
  }

  /**
   * The object key of the request.
   *
   * @return the key
   */
  public String key() {
    return key;
  }

  /**
   * The part of a multipart upload the request was for.
   *
   * @return the part number (1 to 10 000), or 0 when the request was not for a part
   */
  public int partNumber() {
    return partNumber;
  }

  /**
   * The HTTP status of the server's answer.
   *
   * @return the status, or 0 when there was no answer (connection failure, timeout)
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * The S3 error code of the server's answer.
   *
   * @return for example {@code InternalError}, or {@code null}
   */
  public String errorCode() {
    return errorCode;
  }
}

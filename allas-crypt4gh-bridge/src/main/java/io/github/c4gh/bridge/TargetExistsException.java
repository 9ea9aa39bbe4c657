package io.github.c4gh.bridge;

/**
 * A write would have replaced an existing object and overwriting was not asked for. Allas keeps no
 * backups and no versions: an overwrite is final, so the bridge refuses it by default (see {@link
 * UploadOptions.Builder#overwrite(boolean)}). Nothing was written, and the multipart upload, if one
 * was started, was aborted.
 */
public class TargetExistsException extends StorageException {
  private static final long serialVersionUID = 1L;

  /**
   * The target exists.
   *
   * @param message what went wrong, for a person
   * @param cause the underlying error, or {@code null}
   * @param operation the S3 operation that found it
   * @param bucket the bucket
   * @param key the object key
   * @param statusCode the HTTP status (412 for a refused conditional PUT), or 0 when a HEAD found it
   */
  public TargetExistsException(String message, Throwable cause, String operation, String bucket, String key, int statusCode) {
    super(message, cause, operation, bucket, key, 0, statusCode, statusCode == 412 ? "PreconditionFailed" : null);
  }
}

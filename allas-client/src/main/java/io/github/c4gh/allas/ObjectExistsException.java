package io.github.c4gh.allas;

/**
 * A write would have replaced an existing object and overwriting was not asked for.
 *
 * <p>Allas keeps no backups and no versions: an overwrite is final. Single PUTs carry {@code
 * If-None-Match: *}, which Ceph RGW and AWS answer with HTTP 412 when the key exists; copies check
 * with HEAD first (racy). Ask for {@link PutOptions.Builder#overwrite(boolean)} to replace on purpose.
 */
public class ObjectExistsException extends AllasException {
  private static final long serialVersionUID = 1L;

  /**
   * An error with a message and an optional cause.
   *
   * @param message what went wrong, for a person
   * @param cause the underlying error, or {@code null}
   */
  public ObjectExistsException(String message, Throwable cause) {
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
  public ObjectExistsException(String message, Throwable cause, int statusCode, String errorCode) {
    super(message, cause, statusCode, errorCode);
  }
}

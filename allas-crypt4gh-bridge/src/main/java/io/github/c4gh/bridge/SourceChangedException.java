package io.github.c4gh.bridge;

/**
 * The object being read or re-keyed was replaced while the bridge worked on it: its ETag changed
 * between two requests. A reader would otherwise mix bytes of two objects (which would fail
 * authentication at best); a re-keying would otherwise replace the new object with the old one's
 * data. The re-keying upload was aborted; the object that is there now was not touched.
 */
public class SourceChangedException extends StorageException {
  private static final long serialVersionUID = 1L;

  /**
   * The source changed.
   *
   * @param message what went wrong, for a person
   * @param operation the S3 operation that noticed it
   * @param bucket the bucket
   * @param key the object key
   */
  public SourceChangedException(String message, String operation, String bucket, String key) {
    super(message, null, operation, bucket, key, 0, 0, null);
  }

  /**
   * The source changed, noticed after a request failed because of it.
   *
   * @param message what went wrong, for a person
   * @param cause the failure the change caused (for example a copy of a range the new object lacks)
   * @param operation the S3 operation that noticed it
   * @param bucket the bucket
   * @param key the object key
   */
  public SourceChangedException(String message, Throwable cause, String operation, String bucket, String key) {
    super(message, cause, operation, bucket, key, 0, 0, null);
  }
}

package io.github.c4gh.allas;

import java.util.List;

/**
 * What a project may do in a bucket shared with it, as the bucket policy actions that CSC's own
 * web interface writes.
 *
 * <ul>
 *   <li>{@link #READ}: {@code s3:GetObject}, {@code s3:ListBucket}, {@code s3:GetObjectTagging},
 *       {@code s3:GetObjectVersion}.
 *   <li>{@link #WRITE}: {@code s3:PutObject} (which also covers multipart uploads), {@code
 *       s3:DeleteObject}, {@code s3:AbortMultipartUpload}, {@code s3:ListMultipartUploadParts},
 *       {@code s3:ListBucketMultipartUploads}.
 *   <li>{@link #READ_WRITE}: both.
 * </ul>
 */
public enum Access {
  /** List the bucket and read its objects. */
  READ(true, false),
  /** Upload, delete and manage multipart uploads, without reading or listing objects. */
  WRITE(false, true),
  /** Everything in {@link #READ} and {@link #WRITE}. */
  READ_WRITE(true, true);

  private static final List<String> READ_ACTIONS =
      List.of("s3:GetObject", "s3:ListBucket", "s3:GetObjectTagging", "s3:GetObjectVersion");
  private static final List<String> WRITE_ACTIONS =
      List.of(
          "s3:PutObject",
          "s3:DeleteObject",
          "s3:AbortMultipartUpload",
          "s3:ListMultipartUploadParts",
          "s3:ListBucketMultipartUploads");

  private final boolean read;
  private final boolean write;

  Access(boolean read, boolean write) {
    this.read = read;
    this.write = write;
  }

  /**
   * Whether this access includes reading (listing and getting objects).
   *
   * @return {@code true} for {@link #READ} and {@link #READ_WRITE}
   */
  public boolean canRead() {
    return read;
  }

  /**
   * Whether this access includes writing (putting and deleting objects, multipart uploads).
   *
   * @return {@code true} for {@link #WRITE} and {@link #READ_WRITE}
   */
  public boolean canWrite() {
    return write;
  }

  /**
   * The bucket policy actions this access grants, in the order a policy lists them.
   *
   * @return an immutable list such as {@code [s3:GetObject, s3:ListBucket, ...]}
   */
  public List<String> actions() {
    if (read && write) {
      return concat(READ_ACTIONS, WRITE_ACTIONS);
    }
    return read ? READ_ACTIONS : WRITE_ACTIONS;
  }

  /**
   * The access with the given read and write parts.
   *
   * @param read whether reading is included
   * @param write whether writing is included
   * @return the access
   * @throws IllegalArgumentException if neither is included
   */
  public static Access of(boolean read, boolean write) {
    if (read && write) {
      return READ_WRITE;
    }
    if (read) {
      return READ;
    }
    if (write) {
      return WRITE;
    }
    throw new IllegalArgumentException("an access must include reading or writing");
  }

  private static List<String> concat(List<String> a, List<String> b) {
    String[] all = new String[a.size() + b.size()];
    for (int i = 0; i < a.size(); i++) {
      all[i] = a.get(i);
    }
    for (int i = 0; i < b.size(); i++) {
      all[a.size() + i] = b.get(i);
    }
    return List.of(all);
  }
}

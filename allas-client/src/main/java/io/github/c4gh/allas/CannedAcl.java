package io.github.c4gh.allas;

/**
 * The canned ACLs this client sets on objects and buckets.
 *
 * <p>{@link #PUBLIC_READ} makes an object readable by anyone at {@link
 * AllasClient#publicUrl(String, String)} (CSC's {@code a-publish}); never use it for sensitive data,
 * encrypted or not.
 */
public enum CannedAcl {
  /** Only the owner has access (the S3 default). */
  PRIVATE("private"),
  /** Anyone may read, without credentials. */
  PUBLIC_READ("public-read"),
  /**
   * Objects only: the bucket owner gets full control of an object another project uploads. Producers
   * uploading into a shared bucket send it (Allas lets the owner read without it, other S3 servers
   * do not).
   */
  BUCKET_OWNER_FULL_CONTROL("bucket-owner-full-control");

  private final String header;

  CannedAcl(String header) {
    this.header = header;
  }

  /**
   * The value of the {@code x-amz-acl} header.
   *
   * @return for example {@code public-read}
   */
  public String headerValue() {
    return header;
  }
}

package io.github.c4gh.allas;

/**
 * How {@link AllasClient#revoke(String, String, RevokeOptions)} takes a project's access away.
 *
 * <p>The default, {@link #lockOut()}, locks the project out:
 *
 * <ul>
 *   <li>its Allow statements are removed from the bucket policy;
 *   <li>an explicit Deny of {@code s3:*} on the bucket and its objects is added for it. Without it
 *       a project keeps reading the objects it uploaded itself: on Ceph RGW (Allas) the uploader
 *       owns those objects and their ACL lets it read them once the Allow is gone, and an explicit
 *       Deny is evaluated before any Allow or ACL. Sharing with the project again removes the Deny.
 *       {@link Builder#keepReadOfOwnObjects(boolean)} skips it;
 *   <li><strong>every</strong> in-flight multipart upload in the bucket is aborted. Ceph RGW reports
 *       the caller as initiator and owner of every upload, so the revoked project's uploads cannot
 *       be told apart from anybody else's; the Deny already stops the revoked project from
 *       uploading more parts or completing, and aborting frees the space its parts hold (they count
 *       against the owner's quota). This also aborts uploads of other projects and of the owner:
 *       turn it off with {@link Builder#abortAllInFlightUploads(boolean)} when others are uploading.
 *       Buckets made by {@link AllasClient#makeSharedBucket} also carry a lifecycle rule that
 *       aborts incomplete uploads after some days.
 * </ul>
 *
 * <pre>{@code
 * client.revoke(bucket, projectId);                        // lock out
 * client.revoke(bucket, projectId, RevokeOptions.builder()
 *     .abortAllInFlightUploads(false)                      // others are uploading right now
 *     .build());
 * }</pre>
 */
public final class RevokeOptions {
  private static final RevokeOptions LOCK_OUT = builder().build();

  private final boolean keepReadOfOwnObjects;
  private final boolean abortAllInFlightUploads;

  private RevokeOptions(Builder b) {
    this.keepReadOfOwnObjects = b.keepReadOfOwnObjects;
    this.abortAllInFlightUploads = b.abortAllInFlightUploads;
  }

  /**
   * Remove the grant, deny everything, abort all in-flight uploads (the default).
   *
   * @return the lock-out options
   */
  public static RevokeOptions lockOut() {
    return LOCK_OUT;
  }

  /**
   * Only remove the project's statements: no Deny (so it can still read objects it uploaded) and
   * no abort of uploads.
   *
   * @return the options
   */
  public static RevokeOptions removeGrantOnly() {
    return builder().keepReadOfOwnObjects(true).abortAllInFlightUploads(false).build();
  }

  /**
   * A builder with the lock-out defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Whether the explicit Deny is left out, so the project keeps reading objects it uploaded.
   *
   * @return {@code false} by default
   */
  public boolean keepReadOfOwnObjects() {
    return keepReadOfOwnObjects;
  }

  /**
   * Whether every in-flight multipart upload in the bucket (and its {@code _segments} companion)
   * is aborted, whoever started it.
   *
   * @return {@code true} by default
   */
  public boolean abortAllInFlightUploads() {
    return abortAllInFlightUploads;
  }

  @Override
  public String toString() {
    return "RevokeOptions{keepReadOfOwnObjects=" + keepReadOfOwnObjects + ", abortAllInFlightUploads=" + abortAllInFlightUploads + "}";
  }

  /** Builds {@link RevokeOptions}. Not thread-safe. */
  public static final class Builder {
    private boolean keepReadOfOwnObjects;
    private boolean abortAllInFlightUploads = true;

    private Builder() {}

    /**
     * Leaves out the explicit Deny: the revoked project can still read (GET) the objects it
     * uploaded itself, but can no longer list, write or read others' objects.
     *
     * @param keep {@code true} to leave out the Deny
     * @return this builder
     */
    public Builder keepReadOfOwnObjects(boolean keep) {
      this.keepReadOfOwnObjects = keep;
      return this;
    }

    /**
     * Aborts (or not) every in-flight multipart upload in the bucket: RGW cannot tell whose they
     * are (see the class description).
     *
     * @param abort {@code false} to leave uploads alone
     * @return this builder
     */
    public Builder abortAllInFlightUploads(boolean abort) {
      this.abortAllInFlightUploads = abort;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the immutable options
     */
    public RevokeOptions build() {
      return new RevokeOptions(this);
    }
  }
}
